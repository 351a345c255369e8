import type { Sql } from 'postgres';
import type { Clock } from '../db/types';

// How common the most common search tokens are ("有限", "limitada"), from PostgreSQL's own
// statistics on the token index (ANALYZE keeps up to 10 × the statistics target of them). A
// query made only of such tokens matches a large share of all applications: reading the table
// in order finds the first matches at once, where the index would first gather every match.

/** Statistics change only with ANALYZE: read them again after this long. */
const REFRESH_MS = 10 * 60 * 1000;
const cache = new WeakMap<Sql, { at: number; frequencies: Map<string, number> }>();

/** The share of applications holding each of the most common tokens (absent: not among them). */
export async function tokenFrequencies(sql: Sql, now: Clock): Promise<Map<string, number>> {
  const t = now().getTime();
  const cached = cache.get(sql);
  if (cached && t - cached.at >= 0 && t - cached.at < REFRESH_MS) return cached.frequencies;
  const rows = await sql<{ token: string; frequency: number }[]>`
    SELECT u.token, u.frequency
    FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(token, frequency)
    WHERE s.schemaname = current_schema() AND s.tablename = 'applications_search_tokens' AND u.token IS NOT NULL`;
  const frequencies = new Map(rows.map((r) => [r.token, r.frequency]));
  // None yet (a new database, not analysed): ask again next time.
  if (rows.length > 0) cache.set(sql, { at: t, frequencies });
  return frequencies;
}

/** At least this share of applications matching: read in order rather than through the index. */
export const COMMON_SHARE = 0.05;

/**
 * The share of applications a conjunction of index terms matches at least, taking them as
 * independent (names that share one common token share others more often, not less). A prefix
 * counts every common token it starts. Unknown (not common) tokens make it 0.
 */
export function commonShare(terms: { token: string; prefix: boolean }[], frequencies: Map<string, number>): number {
  let share = 1;
  for (const term of terms) {
    let f = frequencies.get(term.token) ?? 0;
    if (term.prefix) {
      f = 0;
      for (const [token, freq] of frequencies) if (token.startsWith(term.token)) f += freq;
    }
    share *= Math.min(1, f);
  }
  return terms.length === 0 ? 0 : share;
}
