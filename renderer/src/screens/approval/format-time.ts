import type { Locale } from '../../../../i18n';
import { MACAU_TIME_ZONE } from '../../../../domain/macau-day';
import { INTL_LOCALE } from '../../../../domain/locale-tags';
import { formatDay as formatDayIn, formatMacauDateTimeIn } from '../../../../domain/display-date';

// Times shown to staff: the app's language and Macau time, never the machine's locale (a
// workstation set to en-US printed "11/23/2026, 9:48:13 AM" in a Chinese screen).

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: MACAU_TIME_ZONE, ...options })));
  return f;
}

/** "23/11/2026 09:05": the one date format of screens, receipts and reports (domain/display-date.ts). */
export function formatMacauDateTime(locale: Locale, iso: string): string {
  return formatMacauDateTimeIn(locale, iso);
}

/** "23/11/2026" for a yyyy-mm-dd day. */
export const formatDay = (locale: Locale, isoDay: string): string => formatDayIn(locale, isoDay);

export function formatMacauTime(locale: Locale, iso: string): string {
  return formatter(locale, { timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}
