import { LOCALES, type Locale } from '../../../i18n';
import { useLocaleStore, useT } from '../i18n/locale-store';

// Each language names itself, so a clerk who switched by mistake can always find the way back.
const NATIVE_NAMES: Record<Locale, string> = { 'zh-Hant': '中文（繁體）', pt: 'Português', en: 'English' };

export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocaleStore();
  return (
    <label className="language-switch">
      {t('app.language')}{' '}
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="language">
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
