// Receipts show the time at the counter, whatever the machine's own time zone is set to:
// the zone is always explicit. Macau has kept UTC+8 without daylight saving since 1979.

export const RECEIPT_TIME_ZONE = 'Asia/Macau';

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: RECEIPT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-23 11:15" (24-hour, Macau time): one form for every language on the receipt. */
export function formatMacauDateTime(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`);
  const parts = formatter.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
