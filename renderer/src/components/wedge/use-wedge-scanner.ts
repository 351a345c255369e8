import { useEffect, useRef } from 'react';
import { WEDGE_IDLE_MS, WedgeDetector, type WedgeFormat, type WedgeKey, type WedgeScan } from './wedge-detector';

function isEditable(el: Element | null): el is HTMLElement {
  if (!(el instanceof HTMLElement)) return false;
  if (el instanceof HTMLTextAreaElement || el.isContentEditable) return true;
  return el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'image', 'range', 'color'].includes(el.type);
}

/**
 * Types characters the detector held back into the focused field after all. execCommand is
 * the one way that goes through the browser's own editing (caret, undo, the input event React
 * listens to); it is deprecated but supported by every Chromium.
 */
function typeIntoFocused(text: string): void {
  const el = document.activeElement;
  if (!text || !isEditable(el)) return;
  const typed = typeof document.execCommand === 'function' && document.execCommand('insertText', false, text);
  if (!typed && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) {
    el.setRangeText(text, el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length, 'end');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/**
 * Listens for keyboard-wedge scans on the whole window, in the capture phase so no field
 * sees a scanned key first. `onScan` gets the scan and the time its last key (Enter) came.
 */
export function useWedgeScanner(format: WedgeFormat, onScan: (scan: WedgeScan, endedAt: number) => void, enabled = true): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    const detector = new WedgeDetector(format);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent) => {
      // The time the key reached us, not e.timeStamp: injected and some IME events carry another clock's stamp (or 0).
      const now = performance.now();
      const key: WedgeKey = {
        type: e.type as WedgeKey['type'],
        code: e.code,
        key: e.key,
        timeStamp: now,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        repeat: e.repeat,
      };
      const out = detector.feed(key);
      if (out.swallow) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
      if (out.release) typeIntoFocused(out.release);
      if (out.scan) latest.current(out.scan, now);
      clearTimeout(timer);
      if (detector.holding) {
        timer = setTimeout(() => typeIntoFocused(detector.tick(performance.now()) ?? ''), WEDGE_IDLE_MS + 50);
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    window.addEventListener('keyup', onKey, { capture: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey, { capture: true });
      window.removeEventListener('keyup', onKey, { capture: true });
    };
  }, [format, enabled]);
}
