import { describe, expect, it } from 'vitest';
import { formatMacauDateTime } from './macau-time';

describe('formatMacauDateTime: always Asia/Macau (UTC+8, no daylight saving)', () => {
  it.each([
    ['morning at the counter', '2026-11-23T03:15:00Z', '2026-11-23 11:15'],
    ['UTC evening is the next day in Macau', '2026-11-23T16:05:59Z', '2026-11-24 00:05'],
    ['new year in Macau before UTC', '2026-12-31T16:00:00Z', '2027-01-01 00:00'],
    ['leap day', '2028-02-28T20:30:00Z', '2028-02-29 04:30'],
    ['summer: no daylight saving shift', '2026-07-01T12:00:00Z', '2026-07-01 20:00'],
    ['an offset in the input is honoured', '2026-11-23T11:15:00+08:00', '2026-11-23 11:15'],
    ['midnight is 00, not 24', '2026-11-22T16:00:00Z', '2026-11-23 00:00'],
  ])('%s: %s → %s', (_case, instant, shown) => {
    expect(formatMacauDateTime(instant)).toBe(shown);
  });

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(formatMacauDateTime(new Date('2026-11-23T03:15:00Z'))).toBe('2026-11-23 11:15');
    } finally {
      process.env.TZ = before;
    }
  });

  it('rejects a date that is not one', () => {
    expect(() => formatMacauDateTime('not a date')).toThrow(RangeError);
  });
});
