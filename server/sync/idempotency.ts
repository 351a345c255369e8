import type { Sql } from 'postgres';
import { asUnavailable, isDatabaseUnavailable } from '../db/availability';
import type { Clock } from '../db/types';
import { HttpRefusal } from '../http/errors';

/** How long a node may work on one request before another node may take it over. */
const LEASE_MS = 60_000;
/** Published policy (docs/sync-protocol.md §5): keys are kept 30 days. */
export const IDEMPOTENCY_KEY_DAYS = 30;

export interface StoredResponse {
  status: number;
  body: string;
}

/**
 * IETF Idempotency-Key semantics across nodes: a retry of a finished request gets the stored
 * response byte for byte; the same key with another body is 422; a request still in progress
 * elsewhere is 409. Only responses whose every result is final are stored (`keep`), so a retry
 * after uploading scans or filling a gap is handled afresh.
 */
export function withIdempotency(
  sql: Sql,
  now: Clock,
  scope: { workstationId: string; key: string; requestSha256: string },
  run: () => Promise<StoredResponse & { keep: boolean }>,
): Promise<StoredResponse> {
  // The database going away mid-request is a 503 (retry later, the same key), never a 500.
  return idempotent(sql, now, scope, run).catch((e: unknown) => Promise.reject(asUnavailable(e)));
}

async function idempotent(
  sql: Sql,
  now: Clock,
  scope: { workstationId: string; key: string; requestSha256: string },
  run: () => Promise<StoredResponse & { keep: boolean }>,
): Promise<StoredResponse> {
  const t = now();
  const lease = new Date(t.getTime() + LEASE_MS);
  const [mine] = await sql`INSERT INTO idempotency_keys (workstation_id, key, request_sha256, locked_until, created_at)
    VALUES (${scope.workstationId}, ${scope.key}, ${scope.requestSha256}, ${lease}, ${t}) ON CONFLICT DO NOTHING RETURNING key`;
  if (!mine) {
    const [row] = await sql<{ request_sha256: string; status: number | null; response: string | null; locked_until: Date }[]>`
      SELECT request_sha256, status, response, locked_until FROM idempotency_keys WHERE workstation_id = ${scope.workstationId} AND key = ${scope.key}`;
    if (!row) throw new HttpRefusal(409, 'idempotency_in_progress', undefined, { 'retry-after': '1' });
    if (row.request_sha256 !== scope.requestSha256) throw new HttpRefusal(422, 'idempotency_key_reused');
    if (row.response !== null && row.status !== null) return { status: row.status, body: row.response };
    if (row.locked_until > t) throw new HttpRefusal(409, 'idempotency_in_progress', undefined, { 'retry-after': '1' });
    // A node died holding it: take the lease over (only one taker wins).
    const taken = await sql`UPDATE idempotency_keys SET locked_until = ${lease}
      WHERE workstation_id = ${scope.workstationId} AND key = ${scope.key} AND response IS NULL AND locked_until = ${row.locked_until} RETURNING key`;
    if (taken.length === 0) throw new HttpRefusal(409, 'idempotency_in_progress', undefined, { 'retry-after': '1' });
  }
  try {
    const res = await run();
    if (res.keep)
      await sql`UPDATE idempotency_keys SET status = ${res.status}, response = ${res.body} WHERE workstation_id = ${scope.workstationId} AND key = ${scope.key}`;
    else await sql`DELETE FROM idempotency_keys WHERE workstation_id = ${scope.workstationId} AND key = ${scope.key}`;
    return { status: res.status, body: res.body };
  } catch (e) {
    // Unless the database is away (the lease then expires and a retry takes it over).
    await sql`DELETE FROM idempotency_keys WHERE workstation_id = ${scope.workstationId} AND key = ${scope.key}`.catch((d: unknown) => {
      if (!isDatabaseUnavailable(d)) throw d;
    });
    throw e;
  }
}
