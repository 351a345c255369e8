import { normaliseIdText } from './identifiers';
import type { Application } from './model/application';
import { foldName } from './rules/entity-identity';

// How a typed query meets an application, the same on the server (its search key,
// server/search/search-key.ts) and on a workstation answering from what it holds (issue 15's
// public enquiry): names folded as foldName folds them, numbers compared by letters and digits.

/**
 * A name as foldName folds it (no case, accents, full-width forms), with every character
 * outside ASCII written as `x` + 5 hex digits: PostgreSQL's pg_trgm builds trigrams only of
 * characters the database's locale calls alphanumeric, and under the C locale a Chinese
 * character is none.
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

/** Shorter keys give a trigram index nothing to look up: such a query is refused as too short. */
export const MIN_KEY_LENGTH = 3;

export const MATCH_KINDS = ['application_number', 'entity_name', 'entity_number', 'id_number'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** What to look for: the query as a name and, when it holds a digit, as a number. */
export function queryKeys(query: string): { name: string; number: string | null } {
  const name = nameKey(query);
  const number = /\d/.test(query) ? numberKey(query) : null;
  return { name, number: number && number !== name && number.length >= MIN_KEY_LENGTH ? number : null };
}

export const isTooShort = (query: string): boolean => {
  const { name, number } = queryKeys(query);
  return name.length < MIN_KEY_LENGTH && number === null;
};

/** Which parts of an application a query matched (empty: it does not match). */
export function matchedOn(query: string, applicationNumber: string | null, app: Application): MatchKind[] {
  const { name, number } = queryKeys(query);
  const keys = [name, number].filter((k): k is string => k !== null && k.length >= MIN_KEY_LENGTH);
  const hits = (s: string | undefined, key: (v: string) => string) => Boolean(s) && keys.some((q) => key(s!).includes(q));
  const e = app.entity;
  const out: MatchKind[] = [];
  if (applicationNumber && hits(applicationNumber, numberKey)) out.push('application_number');
  if ([e.names.zh, e.names.pt, e.names.en].some((n) => hits(n, nameKey))) out.push('entity_name');
  if ([e.taxpayerNumber, e.commercialRegistrationNumber, e.associationRegistrationNumber, e.entityNumber].some((n) => hits(n, numberKey)))
    out.push('entity_number');
  if (app.persons.some((p) => hits(p.idDocument.number, numberKey))) out.push('id_number');
  return out;
}
