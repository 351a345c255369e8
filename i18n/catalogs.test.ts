import { describe, expect, it } from 'vitest';
import { catalogs, LOCALES, translate } from './index';
import { zhHant } from './zh-Hant';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translation files', () => {
  const keys = Object.keys(zhHant).sort();
  it.each(LOCALES)('%s has exactly the keys of zh-Hant', (locale) => {
    expect(Object.keys(catalogs[locale]).sort()).toEqual(keys);
  });
  it.each(LOCALES)('%s uses the same placeholders as zh-Hant, and no empty text', (locale) => {
    for (const key of keys) {
      const text = catalogs[locale][key as keyof typeof zhHant];
      expect(text.trim(), `${locale} ${key}`).not.toBe('');
      expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(zhHant[key as keyof typeof zhHant]));
    }
  });
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'app.title')).toBe('One Account entity counter');
  });
});
