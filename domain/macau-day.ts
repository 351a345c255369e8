// The calendar day at the counter, not the machine's time zone (a workstation set to UTC would
// roll over at 08:00): application numbers, "today's" work list, ID expiry and the day-end
// report all count Macau days. Macau has kept UTC+8 without daylight saving since 1979.
// The one definition, for the core and the renderer alike.

export const MACAU_TIME_ZONE = 'Asia/Macau';
const OFFSET_MS = 8 * 3_600_000;
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: MACAU_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD in Macau. */
export function macauDay(at: Date): string {
  return fmt.format(at);
}

/** The instant `at`'s Macau day began, as an ISO string. */
export function macauDayStart(at: Date): string {
  return new Date(`${macauDay(at)}T00:00:00+08:00`).toISOString();
}

/** `YYYY-MM-DD` in Macau time → the UTC instants bounding it; RangeError for anything else. */
export function macauDayBounds(day: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const utc = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  // Round trip: JavaScript would quietly read 31 February as 3 March.
  if (!utc || Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== day) throw new RangeError(`not a day: ${day}`);
  const from = new Date(utc.getTime() - OFFSET_MS);
  return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
}
