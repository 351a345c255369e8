import { describe, expect, it } from 'vitest';
import { tokenQuery } from './search-query';
import { commonShare } from './token-frequencies';

describe('a typed query as token lookups', () => {
  it('looks up whole words typed before the last, and the last by its start; a short word only narrows', () => {
    expect(tokenQuery('São João')).toMatchObject({ index: "('sao' & 'joao':*)", exact: "('sao' & 'joao')" });
    expect(tokenQuery('comer')).toMatchObject({ index: "('comer':*)" });
    expect(tokenQuery('vista do')).toMatchObject({ index: "('vista' & 'do':*)" });
    expect(tokenQuery('co trad')).toMatchObject({ index: "('co' & 'trad':*)" });
    expect(tokenQuery('vista d')).toMatchObject({ index: "('vista')", full: "('vista' & 'd':*)" });
  });

  it('looks up pairs of Chinese characters as they are', () => {
    expect(tokenQuery('美高梅')).toMatchObject({ index: "('美高' & '高梅')" });
  });

  it('finds short romanised words only as whole words, and refuses what is too short to look up', () => {
    expect(tokenQuery('Ho Va')).toMatchObject({ index: "('ho' & 'va')" });
    expect(tokenQuery('ab')).toBeNull();
    expect(tokenQuery('海')).toBeNull();
  });

  it('looks a number up by its start, however it is typed, beside the name words', () => {
    const q = tokenQuery('5215299(8)');
    expect(q?.index).toContain("'52152998':*");
    expect(q?.indexTerms).toBeNull();
  });
});

describe('how common the looked-up terms are', () => {
  const frequencies = new Map([
    ['有限', 0.9],
    ['限公', 0.9],
    ['limitada', 0.5],
    ['limited', 0.3],
  ]);
  it('multiplies the shares of the terms, counts every common word a prefix starts, and knows nothing of rare ones', () => {
    expect(
      commonShare(
        [
          { token: '有限', prefix: false },
          { token: '限公', prefix: false },
        ],
        frequencies,
      ),
    ).toBeCloseTo(0.81);
    expect(commonShare([{ token: 'limit', prefix: true }], frequencies)).toBeCloseTo(0.8);
    expect(
      commonShare(
        [
          { token: '有限', prefix: false },
          { token: '美高', prefix: false },
        ],
        frequencies,
      ),
    ).toBe(0);
    expect(commonShare([], frequencies)).toBe(0);
  });
});
