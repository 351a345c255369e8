import type { Sql } from 'postgres';
import { MAX_SEARCH_RESULTS, type SearchQuery, type SearchResponse, type SearchResult } from '../../api/sync/search';
import type { ApplicationRow } from '../sync/application-records';
import type { Clock } from '../db/types';
import { HttpRefusal } from '../http/errors';
import { matchedOn } from './search-key';
import { tokenQuery } from './search-query';
import { commonShare, COMMON_SHARE, tokenFrequencies } from './token-frequencies';

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

/** How many matching rows are looked at before ranking: a common word costs the same as a rare one. */
const CANDIDATES = 200;
/** The search tokens as a tsvector: the expression server/migrations/007-search-tokens.sql indexes. */
const TOKENS = "array_to_tsvector(string_to_array(search_text, ' '))";
/** The same tokens hidden from the planner: a condition on them is checked row by row, never looked up. */
const UNINDEXED = `(${TOKENS} || ''::tsvector)`;
const COLUMNS = 'a.record_id, a.application_number, a.service_point, a.workstation_id, a.kind, a.status, a.version, a.form, a.history, a.updated_at';

/**
 * At most CANDIDATES rows matching `where` (parameters $1…) in the scope, ranked, `cap` of them.
 * Sent unprepared, so PostgreSQL plans it for these very values: a prepared statement soon gets
 * a generic plan, which cannot tell a rare name from "limitada" nor use a LIKE prefix, and reads
 * the table from the start.
 */
function planned(sql: Sql, where: string, params: string[], scope: string[], cap: number, order: string, whole = 'false'): Promise<Row[]> {
  const n = params.length;
  return sql.unsafe<Row[]>(
    `WITH m AS MATERIALIZED (
       SELECT record_id, ${whole} AS whole FROM applications
       WHERE ${where} AND service_point = ANY(string_to_array($${n + 1}, ','))
       LIMIT ${CANDIDATES})
     SELECT ${COLUMNS} FROM applications a JOIN m USING (record_id)
     ORDER BY ${order}, a.application_number LIMIT ${Math.trunc(cap)}`,
    [...params, scope.join(',')],
    { prepare: false },
  );
}

/**
 * Finds applications by number (exact: the unique b-tree; prefix: a text_pattern_ops b-tree), or
 * by the words of a name, pairs of Chinese characters or the start of an ID or entity number
 * (the GIN over the search tokens, search-query.ts). At most CANDIDATES matching rows are read;
 * whole-word matches come first, then the most recently changed; `more` says to type more.
 */
export async function searchApplications(sql: Sql, now: Clock, caller: SearchCaller, query: SearchQuery): Promise<SearchResponse> {
  const scope = await searchScope(sql, caller);
  const limit = Math.min(query.limit, MAX_SEARCH_RESULTS);
  const cap = limit + 1;
  const q = query.q.normalize('NFKC').trim();
  const upper = q.toUpperCase();
  const base = { scope, serverTime: now().toISOString() };
  let rows: Row[];
  if (APPLICATION_NUMBER.test(upper)) {
    rows = await sql<Row[]>`SELECT ${sql.unsafe(COLUMNS)} FROM applications a WHERE a.application_number = ${upper} AND a.service_point = ANY(${scope})`;
  } else if (NUMBER_PREFIX.test(upper) && upper.length >= 5) {
    rows = await planned(sql, 'application_number LIKE $1', [`${likeEscape(upper)}%`], scope, cap, 'a.updated_at DESC');
  } else {
    const tq = tokenQuery(q);
    if (tq === null) return { ...base, results: [], more: false, tooShort: true };
    const common = tq.indexTerms !== null && commonShare(tq.indexTerms, await tokenFrequencies(sql, now)) >= COMMON_SHARE;
    // Terms too short to look up narrow what the others found, on those rows only. Terms found in
    // a large share of applications are not looked up at all: the first rows in the table match.
    const [where, params] = common
      ? [`${UNINDEXED} @@ $1::tsquery`, [tq.full]]
      : tq.full === tq.index
        ? [`${TOKENS} @@ $1::tsquery`, [tq.index]]
        : [`${TOKENS} @@ $1::tsquery AND ${UNINDEXED} @@ $2::tsquery`, [tq.index, tq.full]];
    const whole = `${TOKENS} @@ $${params.length + 1}::tsquery`;
    const search = (db: Sql) => planned(db, where, [...params, tq.exact], scope, cap, `m.whole DESC, a.updated_at DESC`, whole);
    rows = common
      ? await sql.begin(async (tx) => {
          // The table read in order stops after a few hundred rows, but the planner cannot know
          // (it has no statistics on the unindexed tokens): keep it from compiling the query (JIT,
          // ~100 ms) or starting parallel workers for a scan that ends at once.
          await tx`SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;
          return search(tx as unknown as Sql);
        })
      : await search(sql);
  }
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
