import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatApplicationNumber, mod3736CheckChar, parseApplicationNumber } from './application-number';

describe('application numbers', () => {
  it('uses ISO 7064 MOD 37,36 (published GRid example A1-2425G-ABC1234002-M)', () => {
    expect(mod3736CheckChar('A12425GABC1234002')).toBe('M');
  });

  it('formats and parses back', () => {
    const n = formatApplicationNumber({ servicePoint: 'SP01', workstation: 'W03', date: '2026-11-23', sequence: 42 });
    expect(n).toMatch(/^SP01-W03-20261123-0042-[0-9A-Z]$/);
    expect(parseApplicationNumber(n)).toEqual({ ok: true, value: n, parts: { servicePoint: 'SP01', workstation: 'W03', date: '2026-11-23', sequence: 42 } });
  });

  it.each([
    ['sp01 - w03 - 20261123 - 0042 - ', true],
    ['ＳＰ０１－Ｗ０３－２０２６１１２３－００４２－', true],
  ])('accepts typed variants %j', (prefix, ok) => {
    const n = formatApplicationNumber({ servicePoint: 'SP01', workstation: 'W03', date: '2026-11-23', sequence: 42 });
    const check = n.slice(-1);
    const typed = prefix.startsWith('Ｓ') ? prefix + String.fromCharCode(check.charCodeAt(0) + 0xfee0) : prefix + check.toLowerCase();
    expect(parseApplicationNumber(typed).ok).toBe(ok);
  });

  it.each([
    ['SP01-W03-20261131-0042-K', 'rules.application_number.format'],
    ['SP01-W03-2026112-0042-K', 'rules.application_number.format'],
    ['SP01-W03-20261123-0000-K', 'rules.application_number.format'],
    ['hello', 'rules.application_number.format'],
  ])('rejects %j', (s, key) => {
    const r = parseApplicationNumber(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.key).toBe(key);
  });

  it('rejects every wrong check character and every single changed character', () => {
    const parts = fc.record({
      servicePoint: fc.stringMatching(/^[A-Z0-9]{2,6}$/),
      workstation: fc.stringMatching(/^[A-Z0-9]{1,4}$/),
      date: fc.constantFrom('2026-01-01', '2026-11-23', '2028-02-29'),
      sequence: fc.integer({ min: 1, max: 9999 }),
    });
    const alnum = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    fc.assert(
      fc.property(parts, fc.nat(), fc.integer({ min: 1, max: 35 }), (p, pos, shift) => {
        const n = formatApplicationNumber(p);
        expect(parseApplicationNumber(n).ok).toBe(true);
        const positions = [...n].map((c, i) => (c === '-' ? -1 : i)).filter((i) => i >= 0);
        const i = positions[pos % positions.length] ?? 0;
        const c = n[i] ?? '0';
        const replaced = alnum[(alnum.indexOf(c) + shift) % 36] ?? '0';
        const changed = n.slice(0, i) + replaced + n.slice(i + 1);
        const r = parseApplicationNumber(changed);
        // A changed digit may also break the date; either way it is never accepted.
        expect(r.ok).toBe(false);
      }),
    );
  });

  it('numbers from different workstations on the same day never collide', () => {
    const a = formatApplicationNumber({ servicePoint: 'SP01', workstation: 'W1', date: '2026-11-23', sequence: 1 });
    const b = formatApplicationNumber({ servicePoint: 'SP01', workstation: 'W2', date: '2026-11-23', sequence: 1 });
    expect(a).not.toBe(b);
  });
});
