import { describe, expect, it } from 'vitest';
import { macauDay, macauDayBounds, macauDayStart } from './macau-day';

describe('macauDay', () => {
  it.each([
    ['2026-11-23T15:59:59.999Z', '2026-11-23'],
    ['2026-11-23T16:00:00.000Z', '2026-11-24'],
    ['2026-12-31T16:30:00.000Z', '2027-01-01'],
  ])('%s is %s in Macau', (iso, day) => {
    expect(macauDay(new Date(iso))).toBe(day);
  });
  it('the day starts at 16:00 UTC the evening before', () => {
    expect(macauDayStart(new Date('2026-11-24T03:00:00.000Z'))).toBe('2026-11-23T16:00:00.000Z');
  });
});

describe('macauDayBounds', () => {
  it('a Macau day runs from 16:00 UTC the day before to 16:00 UTC; anything not a real day is refused', () => {
    expect(macauDayBounds('2026-11-23')).toEqual({ from: '2026-11-22T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' });
    expect(() => macauDayBounds('2026-02-31')).toThrow(RangeError);
  });
});
