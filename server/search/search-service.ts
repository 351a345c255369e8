import type { Sql } from 'postgres';
import { MAX_SEARCH_RESULTS, type SearchQuery, type SearchResponse, type SearchResult } from '../../api/sync/search';
import type { ApplicationRow } from '../sync/application-records';
import type { Clock } from '../db/types';
import { HttpRefusal } from '../http/errors';
import { matchedOn, MIN_KEY_LENGTH, queryKeys } from './search-key';

/** Who asks: the signed workstation, and the person signed in through it, if any (docs/sync-protocol.md §4). */
export interface SearchCaller {
  servicePoint: string;
  sessionUser: string | null;
}

const NUMBER_PREFIX = /^[A-Z0-9]{2,6}-[A-Z0-9-]*$/;
const APPLICATION_NUMBER = /^[A-Z0-9]{2,6}-[A-Z0-9]{1,4}-\d{8}-\d{4}-[0-9A-Z]$/;
const ENQUIRY_ROLES = ['clerk', 'supervisor'];

/**
 * The service points a caller may search. A person signed in through the workstation searches
 * the service points they belong to (a clerk or supervisor only); without a session the
 * workstation's own. Never another service point's applications (issue 15: the public enquiry
 * is per service point; FAQ 8 across counters uses entity claims, not this).
 */
export async function searchScope(sql: Sql, caller: SearchCaller): Promise<string[]> {
  if (!caller.sessionUser) return [caller.servicePoint];
  const [u] = await sql<{ roles: string[]; service_points: string[] }[]>`
    SELECT roles, service_points FROM users WHERE staff_number = ${caller.sessionUser} AND active`;
  if (!u || !u.roles.some((r) => ENQUIRY_ROLES.includes(r))) throw new HttpRefusal(403, 'forbidden');
  return [...new Set(u.service_points)].sort();
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Row = Pick<
  ApplicationRow,
  'record_id' | 'application_number' | 'service_point' | 'workstation_id' | 'kind' | 'status' | 'version' | 'form' | 'history'
> & {
  updated_at: Date;
};

/**
 * Finds applications by number (exact or prefix, b-tree), or by a name or ID number (trigram
 * GIN on the search key, server/migrations/002-search.sql). At most `cap` rows are fetched
 * before sorting, so a common word costs the same as a rare one; `more` says to type more.
 */
export async function searchApplications(sql: Sql, now: Clock, caller: SearchCaller, query: SearchQuery): Promise<SearchResponse> {
  const scope = await searchScope(sql, caller);
  const limit = Math.min(query.limit, MAX_SEARCH_RESULTS);
  const cap = limit + 1;
  const q = query.q.normalize('NFKC').trim();
  const upper = q.toUpperCase();
  const base = { scope, serverTime: now().toISOString() };
  const keys = queryKeys(q);
  const columns = sql`a.record_id, a.application_number, a.service_point, a.workstation_id, a.kind, a.status, a.version, a.form, a.history, a.updated_at`;
  const rows = APPLICATION_NUMBER.test(upper)
    ? // The exact number: the unique b-tree, one row, no planner hint needed.
      await sql<Row[]>`SELECT ${columns} FROM applications a WHERE a.application_number = ${upper} AND a.service_point = ANY(${scope})`
    : await sql.begin(async (tx) => {
        // A LIMIT tempts the planner into a sequential scan (or a walk of the number's b-tree)
        // that "stops early"; for a rare name it reads all 1,000,000 rows. The search indexes
        // always answer from a few pages, so use them: the matching rows are capped first,
        // then sorted.
        await tx`SET LOCAL enable_seqscan = off`;
        let matches;
        if (NUMBER_PREFIX.test(upper) && upper.length >= 5) {
          matches = tx`application_number LIKE ${`${likeEscape(upper)}%`}`;
        } else {
          const [first, second] = [keys.name, keys.number]
            .filter((k): k is string => k !== null && k.length >= MIN_KEY_LENGTH)
            .map((k) => `%${likeEscape(k)}%`);
          if (first === undefined) return null;
          matches = second === undefined ? tx`search_text LIKE ${first}` : tx`(search_text LIKE ${first} OR search_text LIKE ${second})`;
        }
        return tx<Row[]>`
          WITH m AS MATERIALIZED (SELECT record_id FROM applications WHERE ${matches} AND service_point = ANY(${scope}) LIMIT ${cap})
          SELECT ${columns} FROM applications a JOIN m USING (record_id)
          ORDER BY a.updated_at DESC, a.application_number`;
      });
  if (rows === null) return { ...base, results: [], more: false, tooShort: true };
  return { ...base, results: rows.slice(0, limit).map((r) => resultOf(q, r)), more: rows.length > limit, tooShort: false };
}

function resultOf(q: string, r: Row): SearchResult {
  const names = r.form.entity.names;
  return {
    recordId: r.record_id,
    applicationNumber: r.application_number,
    servicePoint: r.service_point,
    workstationId: r.workstation_id,
    kind: r.kind,
    status: r.status,
    version: r.version,
    entityNames: { ...(names.zh ? { zh: names.zh } : {}), ...(names.pt ? { pt: names.pt } : {}), ...(names.en ? { en: names.en } : {}) },
    matchedOn: matchedOn(q, r.application_number, r.form),
    updatedAt: r.updated_at.toISOString(),
    // Codes only: a return note or rejection text is free text that may name people.
    history: r.history.map((h) => ({
      status: h.status,
      at: h.at,
      actor: h.actor,
      workstationId: h.workstationId,
      ...(h.decision ? { decision: h.decision } : {}),
      ...(h.reasonCode ? { reasonCode: h.reasonCode } : {}),
    })),
  };
}
