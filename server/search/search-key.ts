import type { Application } from '../../domain/model/application';
import { nameKey, numberKey } from '../../domain/search-match';

// The one definition of applications.search_text (server/migrations/002-search.sql): what a
// search across all service points matches. Queries are keyed by domain/search-match.ts.

export { matchedOn, MIN_KEY_LENGTH, nameKey, numberKey, queryKeys } from '../../domain/search-match';

/** Parts are joined by a line break: a folded query never holds one, so no match spans two parts. */
const SEPARATOR = '\n';

/** The key of an application: its number, entity numbers, people's ID numbers, entity names (zh/pt/en). */
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
