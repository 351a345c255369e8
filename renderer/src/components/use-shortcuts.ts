import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** e.g. 'Alt+N', 'Alt+ArrowDown', 'Ctrl+Enter', 'Escape' */
  keys: string;
  run: () => void;
  /** Let the shortcut fire while focus is in a text field (default true: a clerk lives in fields). */
  inFields?: boolean;
}

export function matchesShortcut(e: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.pop() ?? '';
  const want = new Set(parts.map((p) => p.toLowerCase()));
  if (want.has('alt') !== e.altKey || want.has('ctrl') !== e.ctrlKey || want.has('shift') !== e.shiftKey || want.has('meta') !== e.metaKey) return false;
  return e.key.toLowerCase() === key.toLowerCase();
}

/**
 * Keyboard shortcuts for a screen. Never fires while an input method is composing: a clerk
 * typing a Chinese name with an IME presses keys that are not meant for us (issue 5, item 8).
 * keyCode 229 is how some IMEs flag composition keys before `isComposing` is set.
 */
export function useShortcuts(shortcuts: Shortcut[]): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.keyCode === 229) return;
      const target = e.target as HTMLElement | null;
      const inField = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      for (const s of ref.current) {
        if (!matchesShortcut(e, s.keys)) continue;
        if (inField && s.inFields === false) continue;
        e.preventDefault();
        s.run();
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
