import { randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import type { EnrolRequest, EnrolResponse, SessionRequest, SessionResponse } from '../../api/sync/enrolment';
import { hashPassword, verifyPassword } from '../crypto/passwords';
import { ed25519PublicKey, sha256Hex } from '../crypto/signatures';
import type { Clock } from '../db/types';
import { appendFeed } from '../sync/feed';
import { currentEpoch } from '../sync/pull-service';
import { workstationKeyFeed } from '../admin/administration';
import { HttpRefusal } from './errors';

export const SESSION_MINUTES = 15;

/** POST /v1/enrol: consume the one-time code and register the workstation's key, in one transaction. */
export async function enrol(sql: Sql, now: Clock, req: EnrolRequest, server: { publicKey: string; tlsSpkiSha256: string | null }): Promise<EnrolResponse> {
  try {
    ed25519PublicKey(req.publicKey);
    if (req.receiptPublicKey) ed25519PublicKey(req.receiptPublicKey);
  } catch {
    throw new HttpRefusal(400, 'validation_failed', { field: 'publicKey' });
  }
  const workstationId = `${req.servicePoint}-${req.workstation}`;
  const t = now();
  await sql.begin(async (tx) => {
    const [code] = await tx<{ workstation_id: string; expires_at: Date; used_at: Date | null }[]>`
      SELECT workstation_id, expires_at, used_at FROM enrolment_codes WHERE code_hash = ${sha256Hex(req.code)} FOR UPDATE`;
    // One answer for unknown, used, expired and someone else's code: nothing to probe.
    if (!code || code.used_at || code.expires_at <= t || code.workstation_id !== workstationId) throw new HttpRefusal(403, 'enrolment_code_invalid');
    await tx`UPDATE enrolment_codes SET used_at = ${t} WHERE code_hash = ${sha256Hex(req.code)}`;
    await tx`UPDATE workstations SET public_key = ${req.publicKey}, receipt_public_key = ${req.receiptPublicKey ?? null}, label = ${req.label ?? null},
      enrolled_at = ${t}, revoked_at = NULL WHERE id = ${workstationId}`;
    await appendFeed(tx, [await workstationKeyFeed(tx, workstationId)], t);
  });
  const [sp] = await sql<{ name: string; name_zh: string | null; name_pt: string | null }[]>`
    SELECT name, name_zh, name_pt FROM service_points WHERE code = ${req.servicePoint}`;
  return {
    protocolVersion: 1,
    workstationId,
    servicePoint: req.servicePoint,
    ...(sp ? { servicePointNames: { zh: (sp.name_zh ?? sp.name).slice(0, 100), pt: (sp.name_pt ?? sp.name).slice(0, 100) } } : {}),
    serverPublicKey: server.publicKey,
    tlsSpkiSha256: server.tlsSpkiSha256,
    serverTime: t.toISOString(),
    epoch: await currentEpoch(sql),
  };
}

let dummyVerifier: Promise<string> | undefined;

/**
 * Renewal (§4 rev 1.2): a token still valid, of this workstation and this person, gets a fresh
 * token and expiry; the session (its public id, which the person's ops carry) stays the same.
 * The old token stops working. Expired, ended, another workstation's, an inactive user: 401
 * session_invalid — the workstation then needs the person's password again.
 */
async function renewSession(
  sql: Sql,
  now: Clock,
  workstationId: string,
  servicePoint: string,
  staffNumber: string,
  oldToken: string,
): Promise<SessionResponse> {
  const token = randomBytes(32).toString('base64url');
  const t = now();
  const expiresAt = new Date(t.getTime() + SESSION_MINUTES * 60_000);
  const [row] = await sql<{ id: string; display_name: string; roles: SessionResponse['user']['roles']; service_points: string[] }[]>`
    UPDATE sessions s SET token_hash = ${sha256Hex(token)}, expires_at = ${expiresAt}
    FROM users u
    WHERE s.token_hash = ${sha256Hex(oldToken)} AND s.workstation_id = ${workstationId} AND s.staff_number = ${staffNumber}
      AND s.expires_at > ${t} AND s.ended_at IS NULL
      AND u.staff_number = s.staff_number AND u.active AND ${servicePoint} = ANY(u.service_points)
    RETURNING s.id, u.display_name, u.roles, u.service_points`;
  if (!row) throw new HttpRefusal(401, 'session_invalid');
  return {
    token,
    sessionId: row.id,
    expiresAt: expiresAt.toISOString(),
    user: { staffNumber, displayName: row.display_name, roles: row.roles, servicePoints: row.service_points },
  };
}

/** POST /v1/session: a person signs in to the server through this workstation (or renews that session). */
export async function openSession(sql: Sql, now: Clock, workstationId: string, servicePoint: string, req: SessionRequest): Promise<SessionResponse> {
  if (req.renewToken !== undefined) return renewSession(sql, now, workstationId, servicePoint, req.staffNumber, req.renewToken);
  const [u] = await sql<
    {
      staff_number: string;
      display_name: string;
      roles: SessionResponse['user']['roles'];
      service_points: string[];
      password_verifier: string | null;
      active: boolean;
    }[]
  >`
    SELECT * FROM users WHERE staff_number = ${req.staffNumber}`;
  // An unknown user costs the same time as a wrong password.
  dummyVerifier ??= hashPassword(randomBytes(12).toString('hex'));
  const ok = await verifyPassword(req.password ?? '', u?.password_verifier ?? (await dummyVerifier));
  if (!u || !ok || !u.active || !u.service_points.includes(servicePoint)) throw new HttpRefusal(401, 'sign_in_failed');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now().getTime() + SESSION_MINUTES * 60_000);
  const t = now();
  const [session] = await sql<{ id: string }[]>`INSERT INTO sessions (token_hash, staff_number, workstation_id, expires_at, issued_at)
    VALUES (${sha256Hex(token)}, ${u.staff_number}, ${workstationId}, ${expiresAt}, ${t}) RETURNING id`;
  return {
    token,
    sessionId: session?.id ?? '',
    expiresAt: expiresAt.toISOString(),
    user: { staffNumber: u.staff_number, displayName: u.display_name, roles: u.roles, servicePoints: u.service_points },
  };
}
