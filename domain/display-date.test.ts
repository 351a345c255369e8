import { describe, expect, it } from 'vitest';
import { formatDay, formatMacauDateTimeIn, parseDay } from './display-date';

describe('dates shown to clerks', () => {
  it('are day first in every language, whatever the machine’s locale', () => {
    for (const l of ['zh-Hant', 'pt', 'en'] as const) expect(formatDay(l, '2026-11-28')).toBe('28/11/2026');
  });

  it('times are Macau time, 24-hour, across midnight UTC', () => {
    expect(formatMacauDateTimeIn('pt', '2026-11-28T16:30:00Z')).toBe('29/11/2026 00:30');
    expect(formatMacauDateTimeIn('zh-Hant', new Date('2026-11-23T10:00:00Z'))).toBe('23/11/2026 18:00');
  });

  // The cases the receipt's old ISO formatter (domain/receipt/macau-time.ts) was tested on, day first now.
  it.each([
    ['morning at the counter', '2026-11-23T03:15:00Z', '23/11/2026 11:15'],
    ['UTC evening is the next day in Macau', '2026-11-23T16:05:59Z', '24/11/2026 00:05'],
    ['new year in Macau before UTC', '2026-12-31T16:00:00Z', '01/01/2027 00:00'],
    ['leap day', '2028-02-28T20:30:00Z', '29/02/2028 04:30'],
    ['summer: no daylight saving shift', '2026-07-01T12:00:00Z', '01/07/2026 20:00'],
    ['an offset in the input is honoured', '2026-11-23T11:15:00+08:00', '23/11/2026 11:15'],
    ['midnight is 00, not 24', '2026-11-22T16:00:00Z', '23/11/2026 00:00'],
  ])('%s: %s → %s', (_case, instant, shown) => {
    for (const l of ['zh-Hant', 'pt', 'en'] as const) expect(formatMacauDateTimeIn(l, instant)).toBe(shown);
  });

  it('does not depend on the machine time zone, and refuses what is not an instant', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(formatMacauDateTimeIn('pt', new Date('2026-11-23T03:15:00Z'))).toBe('23/11/2026 11:15');
    } finally {
      process.env.TZ = before;
    }
    expect(() => formatMacauDateTimeIn('en', 'not a date')).toThrow(RangeError);
  });

  it('reads back what a clerk types: day first, short forms, other separators, ISO', () => {
    expect(parseDay('zh-Hant', '28/11/2026')).toBe('2026-11-28');
    expect(parseDay('pt', '1/2/2027')).toBe('2027-02-01');
    expect(parseDay('en', ' 28.11.2026 ')).toBe('2026-11-28');
    expect(parseDay('en', '28-11-2026')).toBe('2026-11-28');
    expect(parseDay('pt', '2030-12-31')).toBe('2030-12-31');
  });

  it('refuses what is not a day rather than guessing', () => {
    for (const s of ['', '31/02/2026', '11/29/2026', '28/11/26', '2026-13-01', 'abc', '00/01/2026']) expect(parseDay('zh-Hant', s), s).toBeNull();
  });
});
