// WeakRef for webviews without one (Chromium < 84, as in older WPS builds; Safari < 14.1). core-js has
// none: a real WeakRef needs the engine's garbage collector. Fluent UI's focus bookkeeping calls
// `new WeakRef(el)` on every focus(); a reference that holds its target strongly is a correct WeakRef as
// far as any caller can tell (deref() may always return the target, collection is never promised).
//
// No FinalizationRegistry shim: nothing bundled uses it (the builds' tests check that it stays so).

interface StrongRefClass {
  new <T extends object>(target: T): { deref(): T };
}

const root = (typeof window !== 'undefined' ? window : self) as unknown as { WeakRef?: StrongRefClass };

if (typeof root.WeakRef !== 'function') {
  class StrongRef<T extends object> {
    constructor(private readonly target: T) {}
    deref(): T {
      return this.target;
    }
  }
  Object.defineProperty(root, 'WeakRef', { value: StrongRef, configurable: true, writable: true, enumerable: false });
}

export {};
