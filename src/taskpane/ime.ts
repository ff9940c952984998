// Enter-to-submit that never fires while an IME (拼音/五笔 input) is composing: the Enter that picks a
// candidate must not save the form. Checks the event's isComposing, keyCode 229 (Safari sends the
// committing Enter after compositionend with keyCode 229) and our own compositionstart/end flag.

import { useRef, KeyboardEvent, CompositionEvent } from 'react';

export function isComposingKey(e: KeyboardEvent, composing: boolean): boolean {
  const native = e.nativeEvent as globalThis.KeyboardEvent | undefined;
  return composing || Boolean(native && native.isComposing) || e.keyCode === 229;
}

export interface ImeSafeHandlers {
  onCompositionStart: (e: CompositionEvent) => void;
  onCompositionEnd: (e: CompositionEvent) => void;
  onKeyDown: (e: KeyboardEvent) => void;
}

/** Handlers for a text input: Enter (without Shift) calls onSubmit unless an IME is composing. */
export function useImeSafeEnter(onSubmit: () => void): ImeSafeHandlers {
  const composing = useRef(false);
  return {
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: () => {
      composing.current = false;
    },
    onKeyDown: (e) => {
      if (e.key !== 'Enter' || e.shiftKey) return;
      if (isComposingKey(e, composing.current)) return;
      e.preventDefault();
      onSubmit();
    },
  };
}
