/**
 * The app's languages, in the order a clerk is offered them (Traditional Chinese first).
 * Kept apart from the catalogs so date and plural helpers can name a locale without
 * importing the catalogs that use them.
 */
export const LOCALES = ['zh-Hant', 'pt', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-Hant';
