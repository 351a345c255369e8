import { numberKey } from '../../domain/search-match';
import { nameTokens } from './search-key';

// A typed query as tsqueries over an application's search tokens (search-key.ts): every word of
// the query as the start of a word of a name, every pair of adjacent Chinese characters as a
// pair in a name, or — when it holds a digit — the query as the start of a number.

/** Terms shorter than this give the index too many rows: they only narrow what longer terms found. */
const MIN_WORD = 3;
const MIN_NUMBER = 3;
const IDEOGRAPH = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export interface TokenQuery {
  /** What the GIN index looks up: the terms selective enough to look up. */
  index: string;
  /** Every term of the query; rows the index found are kept only when they match this too. */
  full: string;
  /** Every term as a whole word or number: such rows come first. */
  exact: string;
  /** The terms of `index` (a number is `null`): how common they are says how to look them up. */
  indexTerms: { token: string; prefix: boolean }[] | null;
}

interface Term {
  token: string;
  prefix: boolean;
  strong: boolean;
}

const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const termText = (t: Term, exact: boolean) => `${quote(t.token)}${t.prefix && !exact ? ':*' : ''}`;

/**
 * A word followed by another was typed whole: it is looked up as a word, which the GIN index
 * answers by skipping through its posting list. The last word may still be being typed: it is
 * looked up as the start of a word. Words of one or two letters would match too much to look
 * up alone: they narrow what the other terms found (or, when the query has nothing else, they
 * are looked up as whole words).
 */
function nameTerms(q: string): Term[] {
  const tokens = [...new Set(nameTokens(q))];
  const lastWord = [...tokens].reverse().find((t) => !IDEOGRAPH.test(t));
  const terms = tokens.map((token): Term => {
    const chars = [...token];
    // A pair is looked up as it is; a lone character (one between spaces) starts a pair.
    if (IDEOGRAPH.test(token)) return chars.length >= 2 ? { token, prefix: false, strong: true } : { token, prefix: true, strong: false };
    return { token, prefix: token === lastWord, strong: chars.length >= MIN_WORD };
  });
  // Beside a word looked up, a short whole word ("Co Trad") is looked up too (the index skips
  // through a common one), and a last word of two letters by its start: either costs the index
  // less than narrowing every row the other word found.
  if (terms.some((t) => t.strong)) {
    return terms.map((t) => (!IDEOGRAPH.test(t.token) && (!t.prefix || [...t.token].length === 2) ? { ...t, strong: true } : t));
  }
  // Only short words ("Ho Va", "Pa So"): each looked up as a whole word, if together long enough.
  const words = terms.filter((t) => !IDEOGRAPH.test(t.token));
  if (words.length === terms.length && words.reduce((n, t) => n + [...t.token].length, 0) >= MIN_WORD) {
    return words.map((t) => ({ ...t, prefix: false, strong: true }));
  }
  return terms;
}

/** The query's tsqueries, or null when nothing in it is long enough to look up (the clerk types more). */
export function tokenQuery(q: string): TokenQuery | null {
  const names = nameTerms(q);
  const key = /\d/.test(q) ? numberKey(q) : '';
  const number: Term | null = key.length >= MIN_NUMBER ? { token: key, prefix: true, strong: true } : null;
  const nameLookup = names.some((t) => t.strong) ? names : [];
  if (nameLookup.length === 0 && number === null) return null;
  const build = (terms: Term[], exact: boolean) => {
    const parts: string[] = [];
    if (terms.length > 0) parts.push(`(${terms.map((t) => termText(t, exact)).join(' & ')})`);
    if (number) parts.push(termText(number, exact));
    return parts.join(' | ');
  };
  const strong = nameLookup.filter((t) => t.strong);
  return {
    index: build(strong, false),
    full: build(nameLookup, false),
    exact: build(nameLookup, true),
    indexTerms: number ? null : strong.map(({ token, prefix }) => ({ token, prefix })),
  };
}
