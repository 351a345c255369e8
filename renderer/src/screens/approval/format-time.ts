import type { Locale } from '../../../../i18n';
import { MACAU_TIME_ZONE } from '../../../../domain/macau-day';
import { INTL_LOCALE } from '../../../../domain/locale-tags';

// Times shown to staff: the app's language and Macau time, never the machine's locale (a
// workstation set to en-US printed "11/23/2026, 9:48:13 AM" in a Chinese screen).

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: MACAU_TIME_ZONE, ...options })));
  return f;
}

export function formatMacauDateTime(locale: Locale, iso: string): string {
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}

export function formatMacauTime(locale: Locale, iso: string): string {
  return formatter(locale, { timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}
