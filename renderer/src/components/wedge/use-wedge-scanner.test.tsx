// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWedgeScanner } from './use-wedge-scanner';
import type { WedgeFormat, WedgeScan } from './wedge-detector';

const FORMAT: WedgeFormat = { prefix: '8530', minLength: 10, maxLength: 20, checkDigitValid: (t) => t.endsWith('00') };

function Field({ onScan }: { onScan: (s: WedgeScan) => void }) {
  const [value, setValue] = useState('');
  const [keys, setKeys] = useState(0);
  useWedgeScanner(FORMAT, onScan);
  return (
    <>
      <input aria-label="entity" value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={() => setKeys((k) => k + 1)} />
      <output aria-label="keys seen">{keys}</output>
    </>
  );
}

function key(el: Element, type: 'keydown' | 'keyup', code: string, key: string, keyCode = 0): KeyboardEvent {
  const e = new KeyboardEvent(type, { code, key, keyCode, bubbles: true, cancelable: true });
  el.dispatchEvent(e);
  return e;
}

describe('useWedgeScanner', () => {
  afterEach(cleanup);

  it('hands a scan typed into a focused field to the screen; the field never sees a key of it', () => {
    const onScan = vi.fn();
    render(<Field onScan={onScan} />);
    const input = screen.getByRole('textbox', { name: 'entity' });
    input.focus();
    const events: KeyboardEvent[] = [];
    for (const ch of '853012345600') {
      // As under a Chinese IME: keydown says "Process" (keyCode 229), keyup says the digit.
      events.push(key(input, 'keydown', `Digit${ch}`, 'Process', 229), key(input, 'keyup', `Digit${ch}`, ch));
    }
    events.push(key(input, 'keydown', 'Enter', 'Enter'), key(input, 'keyup', 'Enter', 'Enter'));
    expect(onScan).toHaveBeenCalledTimes(1);
    expect(onScan.mock.calls[0]![0]).toEqual({ text: '853012345600', recognised: true });
    expect(events.every((e) => e.defaultPrevented)).toBe(true);
    expect(screen.getByRole('status', { name: 'keys seen' }).textContent).toBe('0');
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('types held digits into the field after all when they turn out to be typing', () => {
    const onScan = vi.fn();
    render(<Field onScan={onScan} />);
    const input = screen.getByRole('textbox', { name: 'entity' }) as HTMLInputElement;
    input.focus();
    for (const ch of '85') {
      key(input, 'keydown', `Digit${ch}`, ch);
      key(input, 'keyup', `Digit${ch}`, ch);
    }
    expect(input.value).toBe('');
    const tab = key(input, 'keydown', 'KeyX', 'x');
    expect(tab.defaultPrevented).toBe(false);
    expect(input.value).toBe('85');
    expect(onScan).not.toHaveBeenCalled();
  });
});
