// Application numbers, "today's" work list and ID expiry follow the calendar day at the
// counter, not the machine's time zone (a workstation set to UTC would roll over at 08:00).
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Macau', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD in Macau. */
export function macauDay(at: Date): string {
  return fmt.format(at);
}

/** The instant today's Macau day began, as an ISO string (Macau has no daylight saving: UTC+8). */
export function macauDayStart(at: Date): string {
  return new Date(`${macauDay(at)}T00:00:00+08:00`).toISOString();
}
