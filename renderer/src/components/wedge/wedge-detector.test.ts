import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEDGE_IDLE_MS, WedgeDetector, type WedgeFormat, type WedgeKey, type WedgeOutcome } from './wedge-detector';

// A format like the security-code QR's: prefix 8530, digits, two MOD 97-10 check digits.
function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i += 7) r = Number(String(r) + digits.slice(i, i + 7)) % 97;
  return r;
}
const withCheck = (body: string) => body + String(98 - mod97(body + '00')).padStart(2, '0');
const FORMAT: WedgeFormat = { prefix: '8530', minLength: 60, maxLength: 120, checkDigitValid: (t) => /^\d+$/.test(t) && mod97(t) === 1 };
const VALID = withCheck('8530' + '1234567890'.repeat(7));

type Style = 'both' | 'ime-process' | 'keyup-only';

/** The events one key press produces under a plain keyboard, an IME that flags keys as "Process", or an IME that sends only keyup. */
function press(code: string, key: string, at: number, style: Style = 'both'): WedgeKey[] {
  const up: WedgeKey = { type: 'keyup', code, key, timeStamp: at + 3 };
  if (style === 'keyup-only') return [up];
  return [{ type: 'keydown', code, key: style === 'ime-process' ? 'Process' : key, timeStamp: at }, up];
}

function burst(text: string, msPerKey: number, style: Style | ((i: number) => Style) = 'both', start = 1000): WedgeKey[] {
  const events: WedgeKey[] = [];
  [...text].forEach((ch, i) => events.push(...press(`Digit${ch}`, ch, start + i * msPerKey, typeof style === 'function' ? style(i) : style)));
  events.push(...press('Enter', 'Enter', start + text.length * msPerKey));
  return events;
}

function run(events: WedgeKey[]) {
  const d = new WedgeDetector(FORMAT);
  const outs: WedgeOutcome[] = events.map((e) => d.feed(e));
  return {
    outs,
    scans: outs.flatMap((o) => (o.scan ? [o.scan] : [])),
    released: outs.map((o) => o.release ?? '').join(''),
    passed: events.filter((_, i) => !outs[i]!.swallow),
  };
}

describe('keyboard-wedge scan detector', () => {
  it('recognises a scan typed at 10 ms a key and lets none of its keys through', () => {
    const r = run(burst(VALID, 10));
    expect(r.scans).toEqual([{ text: VALID, recognised: true }]);
    expect(r.passed).toEqual([]);
    expect(r.released).toBe('');
  });

  it('recognises a slow scanner (80 ms a key) as well: the content decides, not the speed', () => {
    expect(run(burst(VALID, 80)).scans).toEqual([{ text: VALID, recognised: true }]);
  });

  it('reads the digits from event.code when an IME turns every key into "Process" (keyCode 229)', () => {
    const r = run(burst(VALID, 15, 'ime-process'));
    expect(r.scans).toEqual([{ text: VALID, recognised: true }]);
    expect(r.passed).toEqual([]);
  });

  it('counts a key once when the IME swallowed its keydown and only the keyup arrives', () => {
    expect(run(burst(VALID, 15, 'keyup-only')).scans).toEqual([{ text: VALID, recognised: true }]);
  });

  it('reads numpad digits and a numpad Enter', () => {
    const events: WedgeKey[] = [];
    [...VALID].forEach((ch, i) => events.push(...press(`Numpad${ch}`, ch, i * 10)));
    events.push(...press('NumpadEnter', 'Enter', VALID.length * 10));
    expect(run(events).scans).toEqual([{ text: VALID, recognised: true }]);
  });

  it('whatever mix of plain, "Process" and keyup-only events an IME produces, the text is read exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<Style>('both', 'ime-process', 'keyup-only'), { minLength: VALID.length, maxLength: VALID.length }),
        fc.integer({ min: 1, max: 80 }),
        (styles, ms) => {
          const r = run(burst(VALID, ms, (i) => styles[i]!));
          expect(r.scans).toEqual([{ text: VALID, recognised: true }]);
          expect(r.passed).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports a misread (wrong check digit) as a scan to repeat, not as typing', () => {
    const misread = VALID.slice(0, 20) + ((Number(VALID[20]) + 1) % 10) + VALID.slice(21);
    const r = run(burst(misread, 10));
    expect(r.scans).toEqual([{ text: misread, recognised: false, problem: 'check_digit' }]);
    expect(r.passed).toEqual([]);
  });

  it('reports a scan longer than the format allows as too long, and lets none of it into a field', () => {
    const long = '8530' + '7'.repeat(400);
    const r = run(burst(long, 5));
    expect(r.scans).toEqual([{ text: long, recognised: false, problem: 'length' }]);
    expect(r.passed).toEqual([]);
  });

  it('passes typing that does not start with the prefix straight through', () => {
    const r = run(burst('1234567', 60));
    expect(r.scans).toEqual([]);
    expect(r.passed).toHaveLength(r.outs.length);
  });

  it('gives back held digits when the next key shows it was typing (85 then a letter)', () => {
    const events = [...press('Digit8', '8', 0), ...press('Digit5', '5', 100), ...press('KeyA', 'a', 200)];
    const r = run(events);
    expect(r.released).toBe('85');
    expect(r.passed.map((e) => e.code)).toEqual(['KeyA', 'KeyA']);
  });

  it('gives back a short number starting like the prefix when Enter ends it, and lets Enter through', () => {
    const r = run(burst('853012', 60));
    expect(r.scans).toEqual([]);
    expect(r.released).toBe('853012');
    expect(r.passed.filter((e) => e.type === 'keydown').map((e) => e.code)).toEqual(['Enter']);
  });

  it('gives back held digits after a pause, on the next key or on a tick', () => {
    const d = new WedgeDetector(FORMAT);
    for (const e of [...press('Digit8', '8', 0), ...press('Digit5', '5', 100)]) d.feed(e);
    expect(d.tick(100 + WEDGE_IDLE_MS - 10)).toBeUndefined();
    expect(d.tick(100 + WEDGE_IDLE_MS + 10)).toBe('85');
    expect(d.holding).toBe(false);

    const d2 = new WedgeDetector(FORMAT);
    for (const e of press('Digit8', '8', 0)) d2.feed(e);
    expect(d2.feed({ type: 'keydown', code: 'Digit8', key: '8', timeStamp: 5000 })).toEqual({ swallow: true, release: '8' });
  });

  it('a digit that breaks the prefix is typed after the held ones, in order (8 5 8 → "85" released, 8 held again)', () => {
    const r = run([...press('Digit8', '8', 0), ...press('Digit5', '5', 50), ...press('Digit8', '8', 100)]);
    expect(r.released).toBe('85');
  });

  it('a shortcut (Ctrl+V) ends a burst and passes', () => {
    const d = new WedgeDetector(FORMAT);
    d.feed({ type: 'keydown', code: 'Digit8', key: '8', timeStamp: 0 });
    expect(d.feed({ type: 'keydown', code: 'KeyV', key: 'v', ctrlKey: true, timeStamp: 10 })).toEqual({ swallow: false, release: '8' });
  });

  it('two scans in a row (next entity for the same person) are two scans', () => {
    const second = withCheck('8530' + '9876543210'.repeat(7));
    const r = run([...burst(VALID, 10, 'both', 0), ...burst(second, 10, 'ime-process', 5000)]);
    expect(r.scans.map((s) => s.text)).toEqual([VALID, second]);
  });
});
