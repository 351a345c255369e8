import { describe, expect, it } from 'vitest';
import { sampleFirstApplication } from './rules/sample-applications';
import { isTooShort, matchedOn, nameKey, numberKey } from './search-match';

describe('search match (issue 14 search, issue 15 enquiry)', () => {
  const app = sampleFirstApplication();
  app.entity.names = { zh: '澳門美高梅貿易有限公司', pt: 'Comércio São João, Limitada', en: 'Sao Joao Trading' };
  app.persons[0]!.idDocument.number = '5215299(8)';

  it('folds names as foldName does and writes Chinese as ASCII the trigram index can use', () => {
    expect(nameKey('COMÉRCIO  São')).toBe(nameKey('comercio sao'));
    expect(nameKey('ＶＩＳＴＡ')).toBe('vista');
    expect(nameKey('美高')).toMatch(/^[x0-9a-f]{12}$/);
    expect(numberKey('5215299 (8)')).toBe('52152998');
  });

  it('says why an application matched, and nothing when it does not', () => {
    expect(matchedOn('sao joao', 'SP01-W1-20261123-0001-K', app)).toEqual(['entity_name']);
    expect(matchedOn('美高梅', null, app)).toEqual(['entity_name']);
    expect(matchedOn('5215299-8', null, app)).toEqual(['id_number']);
    expect(matchedOn('sp01-w1-2026', 'SP01-W1-20261123-0001-K', app)).toEqual(['application_number']);
    expect(matchedOn('lisboa', 'SP01-W1-20261123-0001-K', app)).toEqual([]);
  });

  it('calls a query too short when it gives fewer than 3 key characters (two Chinese characters are enough)', () => {
    expect(isTooShort('ab')).toBe(true);
    expect(isTooShort('澳門')).toBe(false);
    expect(isTooShort('abc')).toBe(false);
  });
});
