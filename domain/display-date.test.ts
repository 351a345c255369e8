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
