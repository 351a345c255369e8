import type { FastifyRequest } from 'fastify';
import type { KeyObject } from 'node:crypto';
import type { Sql } from 'postgres';
import { NONCE_PATTERN, MAX_CLOCK_SKEW_SECONDS, SYNC_HEADERS as H, UNSIGNED_BODY_DIGEST, requestSignatureBase } from '../../api/sync/signing';
import { SYNC_PROTOCOL_VERSION, WORKSTATION_ID_PATTERN } from '../../api/sync/common';
import { contentDigestOf, ed25519PublicKey, sha256Hex, verifyEd25519 } from '../crypto/signatures';
import { asUnavailable } from '../db/availability';
import type { Clock } from '../db/types';
import { HttpRefusal } from './errors';

export interface Caller {
  workstationId: string;
  servicePoint: string;
  nonce: string;
  sessionUser: string | null;
  /** The id of the request's server session, when it carried one. */
  sessionId: string | null;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/**
 * Checks a signed request (docs/sync-protocol.md §3) and names its caller, or refuses with the
 * reason. The signature is verified before the nonce is recorded, so forged requests store nothing.
 */
export async function authenticate(sql: Sql, now: Clock, req: FastifyRequest, rawBody: Buffer | undefined, opts: { unsignedBody: boolean }): Promise<Caller> {
  // Every signed route meets the database here first: while it is away they all answer 503.
  return check(sql, now, req, rawBody, opts).catch((e: unknown) => Promise.reject(asUnavailable(e)));
}

async function check(sql: Sql, now: Clock, req: FastifyRequest, rawBody: Buffer | undefined, opts: { unsignedBody: boolean }): Promise<Caller> {
  const ws = header(req, H.workstation);
  const ts = header(req, H.timestamp);
  const nonce = header(req, H.nonce);
  const digest = header(req, H.contentDigest);
  const signature = header(req, H.signature);
  const session = header(req, H.session) ?? '';
  const serverTime = now();
  if (!ws || !ts || !nonce || !digest || !signature) throw new HttpRefusal(401, 'signature_missing');
  if (header(req, H.protocol) !== String(SYNC_PROTOCOL_VERSION)) throw new HttpRefusal(400, 'unsupported_protocol');
  if (!WORKSTATION_ID_PATTERN.test(ws) || !/^\d{1,12}$/.test(ts) || !NONCE_PATTERN.test(nonce)) throw new HttpRefusal(401, 'signature_invalid');
  if (Math.abs(serverTime.getTime() / 1000 - Number(ts)) > MAX_CLOCK_SKEW_SECONDS)
    throw new HttpRefusal(401, 'clock_skew', { serverTime: serverTime.toISOString() });
  const expectedDigest = opts.unsignedBody ? UNSIGNED_BODY_DIGEST : contentDigestOf(rawBody ?? Buffer.alloc(0));
  if (digest !== expectedDigest) throw new HttpRefusal(401, 'signature_invalid');
  const base = requestSignatureBase({ method: req.method, target: req.url, workstationId: ws, timestamp: ts, nonce, contentDigest: digest, session });
  const expires = new Date(serverTime.getTime() + 2 * MAX_CLOCK_SKEW_SECONDS * 1000);
  const keys = keyCacheOf(sql);
  // Fast path, one round trip: the signature checks against the key this node saw for the
  // workstation before; the nonce is recorded only if that key is still the workstation's and
  // it is not revoked (so, as on the slow path, nothing is stored for a forged request).
  const known = keys.get(ws);
  if (known && verifyEd25519(known.key, base, signature)) {
    const [seen] = await sql<(WorkstationRow & Seen)[]>`
      WITH w AS (SELECT public_key, revoked_at, service_point FROM workstations WHERE id = ${ws}),
      n AS (
        INSERT INTO request_nonces (workstation_id, nonce, expires_at)
        SELECT ${ws}, ${nonce}, ${expires} FROM w WHERE w.public_key = ${known.publicKey} AND w.revoked_at IS NULL
        ON CONFLICT DO NOTHING RETURNING nonce
      )
      SELECT w.public_key, w.revoked_at, w.service_point, EXISTS (SELECT 1 FROM n) AS fresh, s.staff_number, s.id AS session_id
      FROM (SELECT set_config('synchronous_commit', 'off', true)) AS one LEFT JOIN w ON true LEFT JOIN (${sessionOf(sql, ws, session, serverTime)}) AS s ON true`;
    if (seen?.public_key === known.publicKey && !seen.revoked_at) return callerOf(ws, nonce, session, seen);
    // Revoked, removed or enrolled again with another key since: judged afresh below.
    keys.delete(ws);
  }
  const [row] = await sql<WorkstationRow[]>`SELECT public_key, revoked_at, service_point FROM workstations WHERE id = ${ws}`;
  if (!row || !row.public_key) throw new HttpRefusal(401, 'unknown_workstation');
  if (row.revoked_at) throw new HttpRefusal(401, 'workstation_revoked');
  const key = ed25519PublicKey(row.public_key);
  if (!verifyEd25519(key, base, signature)) throw new HttpRefusal(401, 'signature_invalid');
  if (keys.size >= KEY_CACHE_MAX) keys.clear();
  keys.set(ws, { publicKey: row.public_key, key });
  // The nonce is recorded and the session looked up in one statement (one round trip per request).
  const [seen] = await sql<Seen[]>`
    WITH n AS (INSERT INTO request_nonces (workstation_id, nonce, expires_at) VALUES (${ws}, ${nonce}, ${expires}) ON CONFLICT DO NOTHING RETURNING nonce)
    SELECT EXISTS (SELECT 1 FROM n) AS fresh, s.staff_number, s.id AS session_id FROM (SELECT set_config('synchronous_commit', 'off', true)) AS one
    LEFT JOIN (${sessionOf(sql, ws, session, serverTime)}) AS s ON true`;
  return callerOf(ws, nonce, session, { ...row, ...(seen ?? { fresh: false, staff_number: null, session_id: null }) });
}

/*
 * The nonce statements' driving row (set_config of synchronous_commit, for that statement's own
 * commit) lets them commit without waiting for the WAL flush: a nonce guards against replay for
 * minutes, it is not a record, and every signed request waited for the disk to keep one (several
 * ms here: per tus chunk, per pull). A nonce lost in a crash of PostgreSQL in the next instant
 * reopens the replay window of that one request, whose effects are idempotent anyway (op ids,
 * upload offsets); anything the request then commits durably flushes the WAL through its nonce.
 */

interface WorkstationRow {
  public_key: string | null;
  revoked_at: Date | null;
  service_point: string;
}

interface Seen {
  fresh: boolean;
  staff_number: string | null;
  session_id: string | null;
}

/** The request's server session, when it carries a live one of an active user on this workstation. */
const sessionOf = (sql: Sql, ws: string, session: string, at: Date) => sql`
  SELECT s.staff_number, s.id FROM sessions s JOIN users u ON u.staff_number = s.staff_number
  WHERE ${session !== ''} AND s.token_hash = ${sha256Hex(session)} AND s.workstation_id = ${ws} AND s.expires_at > ${at}
    AND s.ended_at IS NULL AND u.active`;

function callerOf(ws: string, nonce: string, session: string, seen: WorkstationRow & Seen): Caller {
  if (!seen.fresh) throw new HttpRefusal(401, 'replayed_request');
  if (session && !seen.staff_number) throw new HttpRefusal(401, 'session_invalid');
  const sessionUser = session ? seen.staff_number : null;
  const sessionId = session ? seen.session_id : null;
  return { workstationId: ws, servicePoint: seen.service_point, nonce, sessionUser, sessionId };
}

/** Workstation public keys this node has verified a signature with (a hint, re-checked in the database on every request). */
interface KnownKey {
  publicKey: string;
  key: KeyObject;
}
const KEY_CACHE_MAX = 10_000;
const keyCaches = new WeakMap<Sql, Map<string, KnownKey>>();
function keyCacheOf(sql: Sql): Map<string, KnownKey> {
  let m = keyCaches.get(sql);
  if (!m) keyCaches.set(sql, (m = new Map()));
  return m;
}
