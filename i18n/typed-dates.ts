import type { Locale } from './locales';
import { formatDay, formatMacauDateTimeIn } from '../domain/display-date';
import { macauDay } from '../domain/macau-day';

/**
 * Dates typed in the text itself (issue 13 item 15): `{expiry, date}` and `{since, datetime}`.
 * The core and the central server pass the date as data (ISO day or instant) and never as a
 * string formatted for one language; whoever shows the text — a screen, a receipt, a report —
 * writes it the one way of domain/display-date.ts (day first, Macau time). A value that is
 * not a date is shown as it came, so nothing is hidden.
 */
const TYPED = /\{(\w+),\s*(date|datetime)\s*\}/g;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function asInstant(value: string): Date | null {
  if (!ISO_INSTANT.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function formatDateValue(locale: Locale, kind: 'date' | 'datetime', value: string): string {
  if (ISO_DAY.test(value)) return formatDay(locale, value);
  const at = asInstant(value);
  if (!at) return value;
  return kind === 'date' ? formatDay(locale, macauDay(at)) : formatMacauDateTimeIn(locale, at);
}

export function formatTypedDates(locale: Locale, template: string, params: Record<string, string | number>): string {
  return template.replace(TYPED, (whole, name: string, kind: 'date' | 'datetime') =>
    Object.prototype.hasOwnProperty.call(params, name) ? formatDateValue(locale, kind, String(params[name])) : whole,
  );
}
