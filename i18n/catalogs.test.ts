import { describe, expect, it } from 'vitest';
import { catalogs, LOCALES, translate } from './index';
import { COUNTED, GLOSSARY, PT_PRE_1990 } from './glossary';
import { placeholdersOf as placeholders } from './plural';
import { zhHant } from './zh-Hant';

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
  it('picks the plural form by each language\'s rules (issue 13, item 14: never "1 pages")', () => {
    expect(translate('en', 'rules.admins.count', { count: 1, max: 3 })).toBe('1 entity admin (at most 3)');
    expect(translate('en', 'rules.admins.count', { count: 2, max: 3 })).toBe('2 entity admins (at most 3)');
    expect(translate('pt', 'rules.admins.count', { count: 1, max: 3 })).toBe('1 administrador da entidade (no máximo 3)');
    expect(translate('pt', 'rules.admins.count', { count: 3, max: 3 })).toBe('3 administradores da entidade (no máximo 3)');
    expect(translate('zh-Hant', 'rules.admins.count', { count: 1, max: 3 })).toBe('實體管理員 1 名（最多 3 名）');
  });
  it('writes a typed date day first in every language, Macau time (issue 13 item 15), and shows a value that is no date as it came', () => {
    for (const locale of LOCALES) {
      expect(translate(locale, 'rules.id.valid_until', { expiry: '2030-12-31' })).toContain('31/12/2030');
      expect(translate(locale, 'rules.duplicate.draft.other', { by: 'C1', since: '2026-11-23T16:05:00Z' })).toContain('24/11/2026 00:05');
      expect(translate(locale, 'sc.check.expired', { expiredAt: 'soon' })).toContain('soon');
    }
    expect(translate('en', 'rules.id.expired', { expiry: '2026-11-23T20:00:00Z' })).toBe('The ID document expired on 24/11/2026');
    expect(placeholders('{at, datetime} {d, date} {n}')).toEqual(['at', 'd', 'n']);
  });

  // Dates the core and the central server send as data (ISO) under these names: a text that
  // shows one must type it, or the clerk reads 2026-11-23T02:05:00.000Z.
  const SENT_AS_DATA = ['expiry', 'since', 'expiredAt', 'serverTime', 'issuedAt', 'lastIssuedAt'];
  it.each(LOCALES)('%s: every date the core sends as data is typed ({expiry, date}), so no text shows it in ISO form', (locale) => {
    const untyped = (Object.entries(catalogs[locale]) as [string, string][]).flatMap(([key, text]) =>
      SENT_AS_DATA.filter((name) => text.includes(`{${name}}`)).map((name) => `${key}: {${name}}`),
    );
    expect(untyped).toEqual([]);
    const params = Object.fromEntries(SENT_AS_DATA.map((name) => [name, '2026-11-23T02:05:00.000Z']));
    for (const key of Object.keys(catalogs[locale]) as (keyof typeof zhHant)[]) {
      if (!placeholders(catalogs[locale][key]).some((p) => SENT_AS_DATA.includes(p))) continue;
      expect(translate(locale, key, { ...params, by: 'C1', count: 1 }), key).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
});

describe('glossary: one term per thing (issue 13, item 14)', () => {
  // Placeholder names ({actor}) are code, not words.
  const texts = (locale: (typeof LOCALES)[number]) =>
    (Object.entries(catalogs[locale]) as [string, string][]).map(([k, v]) => [k, v.replace(/\{\w+\}/g, '')] as [string, string]);
  it.each(LOCALES)('%s uses no forbidden variant of a glossary term', (locale) => {
    const found: string[] = [];
    for (const term of GLOSSARY) {
      for (const re of term.forbidden[locale] ?? []) {
        for (const [key, text] of texts(locale)) if (re.test(text)) found.push(`${key}: "${text}" (${term.thing}: use "${term.use[locale]}")`);
      }
    }
    expect(found).toEqual([]);
  });
  it('Portuguese follows the 1990 spelling agreement (ação, correção, ativada)', () => {
    const found = texts('pt').flatMap(([key, text]) => PT_PRE_1990.filter((re) => re.test(text)).map((re) => `${key}: "${text}" ${re}`));
    expect(found).toEqual([]);
  });
  it.each(['en', 'pt'] as const)('%s: a count is never followed by a fixed plural ("1 pages"): ICU plural instead', (locale) => {
    const counted = new RegExp(`\\{(?:${COUNTED.join('|')})\\}\\s+\\p{L}+s\\b|(?:Faltam|Restam) \\{`, 'u');
    const found = (Object.entries(catalogs[locale]) as [string, string][]).filter(([, v]) => counted.test(v)).map(([k, v]) => `${k}: "${v}"`);
    expect(found).toEqual([]);
    expect(translate('en', 'scans.scan', { n: 1, pages: 1 })).toBe('Scan 1 (1 page)');
    expect(translate('pt', 'intake.check.blocking', { count: 1 })).toBe('Falta 1 item');
    expect(translate('pt', 'intake.check.blocking', { count: 2 })).toBe('Faltam 2 itens');
  });
  it('the glossary catches what it is meant to', () => {
    const hits = (locale: (typeof LOCALES)[number], text: string) => GLOSSARY.some((t) => (t.forbidden[locale] ?? []).some((re) => re.test(text)));
    expect(hits('zh-Hant', '二、法定代表人')).toBe(true);
    expect(hits('zh-Hant', '已拒絕匯入')).toBe(false);
    expect(hits('zh-Hant', '拒絕此申請')).toBe(true);
    expect(hits('zh-Hant', '拒絕')).toBe(true);
    expect(hits('zh-Hant', '被中央系統拒絕')).toBe(false);
    expect(hits('pt', 'O acordo deve ser o original')).toBe(true);
    expect(hits('pt', 'O acordo da conta de entidade deve ser o original')).toBe(false);
    expect(hits('en', 'Agreement signed')).toBe(true);
    expect(hits('en', 'Entity account agreement signed')).toBe(false);
    expect(PT_PRE_1990.some((re) => re.test('Devolvido para correcção'))).toBe(true);
    expect(PT_PRE_1990.some((re) => re.test('Contacte o apoio técnico; de facto'))).toBe(false);
  });
});
