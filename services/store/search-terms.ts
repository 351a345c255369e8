import { normaliseName, uniqueTerms, type ApplicationSearchTerms } from '../../domain/search-terms';

/** What the caller says an application can be found by (the store never parses `data`): the domain's terms. */
export type SearchTerms = ApplicationSearchTerms;
export { normaliseName };

export const EMPTY_SEARCH_TERMS: SearchTerms = { entityNames: [], registrationNumbers: [], idNumbers: [] };

/**
 * Numbers are typed in many ways: "1234567(8)", "1234567 8", "m/123-45". Keep letters and
 * digits only, upper-case, so every spelling finds the same record.
 */
export function normaliseNumber(s: string): string {
  return s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function cleanTerms(t: SearchTerms): SearchTerms {
  const uniq = uniqueTerms;
  return {
    entityNames: uniq(t.entityNames.map(normaliseName)),
    registrationNumbers: uniq(t.registrationNumbers.map(normaliseNumber)),
    idNumbers: uniq(t.idNumbers.map(normaliseNumber)),
  };
}

/** FTS5 string literal: the query is matched as one phrase, never parsed as syntax. */
export function ftsPhrase(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const HAN = /\p{Script=Han}/u;

/**
 * Two-character Chinese searches ("街坊") are common and too short for the trigram index,
 * so names also get every pair of adjacent Han characters indexed.
 */
export function hanBigrams(name: string): string[] {
  const chars = [...name.normalize('NFKC')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i] as string;
    const b = chars[i + 1] as string;
    if (HAN.test(a) && HAN.test(b)) out.add(a + b);
  }
  return [...out];
}

export function isHanBigram(q: string): boolean {
  const chars = [...q];
  return chars.length === 2 && chars.every((c) => HAN.test(c));
}
