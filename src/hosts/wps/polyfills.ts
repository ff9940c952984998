// Small polyfills for the older Chromium some WPS builds embed (the WPS build lowers syntax to ES2017;
// these are the library functions newer than that which the pane's code or its libraries call). Loaded
// first by both WPS entries; each is installed only when missing. No network, no dependencies.

type AnyObj = Record<string, unknown>;

const root: AnyObj = (typeof globalThis !== 'undefined'
  ? globalThis
  : typeof self !== 'undefined'
    ? self
    : typeof window !== 'undefined'
      ? window
      : {}) as unknown as AnyObj;

function define(target: object, name: string, value: unknown): void {
  if (name in target) return;
  Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
}

if (typeof globalThis === 'undefined') define(root, 'globalThis', root);

define(Object, 'fromEntries', function fromEntries(entries: Iterable<readonly [PropertyKey, unknown]>) {
  const out: Record<PropertyKey, unknown> = {};
  for (const [k, v] of entries) out[k as string] = v;
  return out;
});

define(Object, 'hasOwn', function hasOwn(o: object, k: PropertyKey) {
  return Object.prototype.hasOwnProperty.call(o, k);
});

define(Array.prototype, 'flat', function flat(this: unknown[], depth = 1): unknown[] {
  const out: unknown[] = [];
  const walk = (a: unknown[], d: number) => {
    for (const x of a) {
      if (Array.isArray(x) && d > 0) walk(x, d - 1);
      else out.push(x);
    }
  };
  walk(this, depth);
  return out;
});

define(
  Array.prototype,
  'flatMap',
  function flatMap(this: unknown[], f: (x: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown) {
    const out: unknown[] = [];
    this.forEach((x, i, a) => {
      const r = f.call(thisArg, x, i, a);
      if (Array.isArray(r)) out.push(...r);
      else out.push(r);
    });
    return out;
  },
);

function at(this: ArrayLike<unknown>, i: number): unknown {
  const n = Math.trunc(i) || 0;
  const k = n < 0 ? this.length + n : n;
  return k < 0 || k >= this.length ? undefined : this[k];
}
define(Array.prototype, 'at', at);
define(String.prototype, 'at', at);

define(
  Array.prototype,
  'findLast',
  function findLast(this: unknown[], f: (x: unknown, i: number, a: unknown[]) => boolean, thisArg?: unknown) {
    for (let i = this.length - 1; i >= 0; i--) if (f.call(thisArg, this[i], i, this)) return this[i];
    return undefined;
  },
);

define(
  Array.prototype,
  'findLastIndex',
  function findLastIndex(this: unknown[], f: (x: unknown, i: number, a: unknown[]) => boolean, thisArg?: unknown) {
    for (let i = this.length - 1; i >= 0; i--) if (f.call(thisArg, this[i], i, this)) return i;
    return -1;
  },
);

define(String.prototype, 'replaceAll', function replaceAll(this: string, search: string | RegExp, replacement: string) {
  if (search instanceof RegExp) {
    if (!search.global) throw new TypeError('replaceAll must be called with a global RegExp');
    return this.replace(search, replacement);
  }
  return this.split(search).join(replacement);
});

define(String.prototype, 'trimStart', function trimStart(this: string) {
  return this.replace(/^[\s\uFEFF\xA0]+/, '');
});
define(String.prototype, 'trimEnd', function trimEnd(this: string) {
  return this.replace(/[\s\uFEFF\xA0]+$/, '');
});

define(Promise.prototype, 'finally', function (this: Promise<unknown>, f: () => unknown) {
  return this.then(
    (v) => Promise.resolve(f()).then(() => v),
    (e) =>
      Promise.resolve(f()).then(() => {
        throw e;
      }),
  );
});

define(Promise, 'allSettled', function allSettled(ps: Iterable<unknown>) {
  return Promise.all(
    Array.from(ps, (p) =>
      Promise.resolve(p).then(
        (value) => ({ status: 'fulfilled', value }),
        (reason) => ({ status: 'rejected', reason }),
      ),
    ),
  );
});

define(String.prototype, 'matchAll', function matchAll(this: string, re: RegExp) {
  if (!re.global) throw new TypeError('matchAll must be called with a global RegExp');
  const copy = new RegExp(re.source, re.flags);
  const str = String(this);
  const out: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while ((m = copy.exec(str))) {
    out.push(m);
    if (m[0] === '') copy.lastIndex++;
  }
  return out[Symbol.iterator]();
});

define(Promise, 'any', function any(ps: Iterable<unknown>) {
  const list = Array.from(ps);
  return new Promise((resolve, reject) => {
    if (!list.length) return reject(new Error('All promises were rejected'));
    let left = list.length;
    const errors: unknown[] = new Array(list.length);
    list.forEach((p, i) =>
      Promise.resolve(p).then(resolve, (e) => {
        errors[i] = e;
        if (--left === 0) reject(Object.assign(new Error('All promises were rejected'), { errors }));
      }),
    );
  });
});

// Fluent UI's focus handling calls `new WeakRef(el)` on every focus(); Chromium before 84 has none. A
// strong reference is a correct WeakRef as far as any caller can tell (deref() may always return the
// target; collection is only ever an optimisation), which core-js cannot provide either.
if (typeof root.WeakRef !== 'function') {
  class StrongRef<T extends object> {
    constructor(private readonly target: T) {}
    deref(): T {
      return this.target;
    }
  }
  define(root, 'WeakRef', StrongRef);
}
// Likewise a registry that never calls back is allowed (callbacks are not guaranteed).
if (typeof root.FinalizationRegistry !== 'function') {
  class NoFinalization {
    register(): void {}
    unregister(): boolean {
      return false;
    }
  }
  define(root, 'FinalizationRegistry', NoFinalization);
}

if (typeof root.queueMicrotask !== 'function') {
  define(root, 'queueMicrotask', (f: () => void) => {
    Promise.resolve()
      .then(f)
      .catch((e) =>
        setTimeout(() => {
          throw e;
        }),
      );
  });
}

export {};
