import { create } from 'zustand';
import { DEFAULT_LOCALE, LOCALES, translate, type Locale, type LocalisedMessage, type MessageKey, type MessageParams } from '../../../i18n';

const STORAGE_KEY = 'counterdesk.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : DEFAULT_LOCALE;
}

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    localStorage.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
    set({ locale });
  },
}));

export type TranslateFn = (key: MessageKey, params?: MessageParams) => string;

/** The translate function for the current language; components re-render when it changes. */
export function useT(): TranslateFn {
  const locale = useLocaleStore((s) => s.locale);
  return (key, params) => translate(locale, key, params);
}

export function useMessage(): (m: LocalisedMessage) => string {
  const t = useT();
  return (m) => t(m.key, m.params);
}
