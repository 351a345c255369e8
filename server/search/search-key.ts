import { normaliseIdText } from '../../domain/identifiers';
import type { Application } from '../../domain/model/application';
import { foldName } from '../../domain/rules';
import type { SearchMatch } from '../../api/sync/search';

// The one definition of applications.search_text (server/migrations/002-search.sql): what a
// search across all service points matches, and how a query is turned into the same form.

/**
 * A name as foldName folds it (no case, accents, full-width forms), with every character
 * outside ASCII written as `x` + 5 hex digits: pg_trgm builds trigrams only of characters the
 * database's locale calls alphanumeric, and under the C locale a Chinese character is none.
 */
export function nameKey(name: string): string {
  let out = '';
  for (const ch of foldName(name)) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp < 128 ? ch : `x${cp.toString(16).padStart(5, '0')}`;
  }
  return out;
}

/** A number as typed in any way ("1234567(8)", "SP01-W03-…"): letters and digits only, lower case. */
export function numberKey(value: string): string {
  return normaliseIdText(value)
    .replace(/[^0-9A-Z]/g, '')
    .toLowerCase();
}

/** Parts are joined by a line break: a folded query never holds one, so no match spans two parts. */
const SEPARATOR = '\n';

/** The key of an application: its number, entity names (zh/pt/en), entity numbers, people's ID numbers. */
export function searchKey(applicationNumber: string, app: Application): string {
  const e = app.entity;
  const names = [e.names.zh, e.names.pt, e.names.en].filter((n): n is string => Boolean(n)).map(nameKey);
  const numbers = [
    applicationNumber,
    e.taxpayerNumber,
    e.commercialRegistrationNumber,
    e.associationRegistrationNumber,
    e.entityNumber,
    ...app.persons.map((p) => p.idDocument.number),
  ]
    .filter((n): n is string => Boolean(n))
    .map(numberKey);
  return [...new Set([...numbers, ...names].filter((p) => p !== ''))].join(SEPARATOR);
}

/** Shorter keys give pg_trgm no trigram to look up: the index could not help, so they are refused. */
export const MIN_KEY_LENGTH = 3;

export type MatchKind = SearchMatch;

/** What to look for: the query as a name and, when it holds a digit, as a number. */
export function queryKeys(query: string): { name: string; number: string | null } {
  const name = nameKey(query);
  const number = /\d/.test(query) ? numberKey(query) : null;
  return { name, number: number && number !== name && number.length >= MIN_KEY_LENGTH ? number : null };
}

/** Which parts of an application a query matched, for the clerk to see why it was found. */
export function matchedOn(query: string, applicationNumber: string, app: Application): MatchKind[] {
  const { name, number } = queryKeys(query);
  const hits = (s: string | undefined, key: (v: string) => string) => Boolean(s) && [name, number].some((q) => q !== null && q !== '' && key(s!).includes(q));
  const e = app.entity;
  const out: MatchKind[] = [];
  if (hits(applicationNumber, numberKey)) out.push('application_number');
  if ([e.names.zh, e.names.pt, e.names.en].some((n) => hits(n, nameKey))) out.push('entity_name');
  if ([e.taxpayerNumber, e.commercialRegistrationNumber, e.associationRegistrationNumber, e.entityNumber].some((n) => hits(n, numberKey)))
    out.push('entity_number');
  if (app.persons.some((p) => hits(p.idDocument.number, numberKey))) out.push('id_number');
  return out;
}
