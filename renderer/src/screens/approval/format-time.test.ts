import { describe, expect, it } from 'vitest';
import { formatMacauDateTime, formatMacauTime } from './format-time';

// Counter staff read times in the app's language and in Macau time, whatever the machine's
// own locale and time zone are (the review history, who ticked when, the decision notice).
describe('formatMacauDateTime', () => {
  const at = '2026-11-23T01:05:00Z'; // 09:05 in Macau
  // One format, day first, in every language (issue 13 item 15): the same as receipts and reports.
  it.each(['zh-Hant', 'pt', 'en'] as const)('%s', (locale) => {
    expect(formatMacauDateTime(locale, at)).toBe('23/11/2026 09:05');
  });

  it('the Macau day, not UTC: 23:30 UTC is the next morning', () => {
    expect(formatMacauDateTime('pt', '2026-11-23T23:30:00Z')).toBe('24/11/2026 07:30');
  });

  it('time only, for the end of an elevation window', () => {
    expect(formatMacauTime('en', '2026-11-23T01:05:00Z')).toBe('09:05');
  });
});
