import type { Locale } from '../i18n';

/**
 * The BCP 47 tag each app language is formatted and labelled with (dates, times, a PDF's
 * language): Macau's Traditional Chinese, European Portuguese, British English. Never the
 * machine's locale, which may be set to anything.
 */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { 'zh-Hant': 'zh-Hant-MO', pt: 'pt-PT', en: 'en-GB' };
