import type { EventEmitter } from 'node:events';
import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { parseKeys, type KeyEvent } from '../keys.ts';

/** What ink's stdin context carries besides its public fields (ink is pinned; the tests cover this). */
interface StdinInternals {
  readonly internal_eventEmitter?: EventEmitter;
  readonly setBracketedPasteMode?: (enabled: boolean) => void;
}

/**
 * Every key press as a `KeyEvent`, from ink's own input stream: ink's
 * `useInput` folds F2, F3 and Ctrl+M away, so the raw sequences are parsed
 * here (../keys.ts). Pasted text (bracketed paste) arrives as one 'paste' key.
 */
export function useKeys(handler: (key: KeyEvent) => void): void {
  const stdin = useStdin() as ReturnType<typeof useStdin> & StdinInternals;
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => {
    const emitter = stdin.internal_eventEmitter;
    if (emitter === undefined) throw new Error('this version of ink does not expose its input events');
    if (stdin.isRawModeSupported) stdin.setRawMode(true);
    stdin.setBracketedPasteMode?.(true);
    const onInput = (raw: string) => {
      for (const key of parseKeys(raw)) current.current(key);
    };
    const onPaste = (text: string) => current.current({ name: 'paste', text: text.replace(/\r\n?/g, '\n'), ctrl: false, meta: false, shift: false });
    emitter.on('input', onInput);
    emitter.on('paste', onPaste);
    return () => {
      emitter.off('input', onInput);
      emitter.off('paste', onPaste);
      stdin.setBracketedPasteMode?.(false);
      if (stdin.isRawModeSupported) stdin.setRawMode(false);
    };
  }, [stdin]);
}
