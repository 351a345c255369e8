import type { Locale } from '../i18n/locales';
import { macauDay } from './macau-day';

// One way to write a date per language, the same on screens, receipts and reports (issue 13
// item 15): day first, dd/mm/yyyy, in all three languages — Macau writes dates day first in
// Chinese and Portuguese, and the English UI is British. Never the machine's locale: Chromium
// set to en-US would show 11/29/2026. Times are 24-hour Macau time.

/** The pattern a clerk sees as a placeholder, in the language's own words. */
export const DATE_PLACEHOLDER: Readonly<Record<Locale, string>> = { 'zh-Hant': '日/月/年', pt: 'dd/mm/aaaa', en: 'dd/mm/yyyy' };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-11-28" → "28/11/2026"; anything that is not an ISO day is returned unchanged. */
export function formatDay(_locale: Locale, isoDay: string): string {
  const m = ISO_DAY.exec(isoDay);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : isoDay;
}

/** An instant as "28/11/2026 18:00", Macau time. */
export function formatMacauDateTimeIn(locale: Locale, instant: string | Date): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`);
  const hm = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${formatDay(locale, macauDay(at))} ${hm}`;
}

/**
 * What a clerk typed → "yyyy-mm-dd", or null when it is not a real day. Accepts the language's
 * day-first form with / . - or spaces between, one- or two-digit day and month, and ISO
 * yyyy-mm-dd (what a scanner, a paste or a test types).
 */
export function parseDay(_locale: Locale, text: string): string | null {
  const s = text.trim();
  let y: number, mo: number, d: number;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  const dmy = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(s);
  if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [d, mo, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  const out = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // Round trip: JavaScript would quietly read 31 February as 3 March.
  const utc = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && !Number.isNaN(utc.getTime()) && utc.toISOString().slice(0, 10) === out ? out : null;
}
