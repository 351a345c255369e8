import { zhHant } from './zh-Hant';
import { pt } from './pt';
import { en } from './en';
import type { MessageKey, Messages } from './messages';
import { formatPlurals } from './plural';
import { formatTypedDates } from './typed-dates';

export type { MessageKey, Messages } from './messages';

import { type Locale } from './locales';

export { LOCALES, DEFAULT_LOCALE, type Locale } from './locales';

export const catalogs: Record<Locale, Messages> = { 'zh-Hant': zhHant, pt, en };

export type MessageParams = Record<string, string | number>;

/** A message to show, kept as a key so that it can be shown in whatever language is chosen later. */
export interface LocalisedMessage {
  key: MessageKey;
  params?: MessageParams;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhHant, key);
}

/**
 * Fill `{name}` placeholders, `{count, plural, …}` choices and `{day, date}` / `{at, datetime}` dates (day first, Macau time). A missing parameter is left visible as `{name}` rather than
 * silently blanked, so that a gap in the data shows up on screen and in review.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key] ?? zhHant[key];
  if (!params) return template;
  return formatTypedDates(locale, formatPlurals(locale, template, params), params).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
