import { randomBytes, randomUUID } from 'node:crypto';
import type { Sql, TransactionSql } from 'postgres';
import { SERVICE_POINT_PATTERN, WORKSTATION_CODE_PATTERN, type ROLE_VALUES } from '../../api/sync/common';
import type { ReferenceEntityChangeSchema, StaffLoginChangeSchema, UserChangeSchema } from '../../api/sync/pull';
import { sha256Hex } from '../crypto/signatures';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../crypto/passwords';
import type { Clock } from '../db/types';
import { referenceKeys } from '../sync/assessment-context';
import { appendFeed, type FeedRow } from '../sync/feed';
import type { z } from 'zod';

// What an administrator does (the CLI, `npm run server:admin`, is a thin shell over this).
// Every change a workstation must know goes into the feed in the same transaction.

export class AdminError extends Error {}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ENROLMENT_CODE_HOURS = 24;

/** XXXX-XXXX-XXXX-XXXX-XXXX: 100 bits from the CSPRNG. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => CROCKFORD[b & 31]).join('');
  return (chars.match(/.{4}/g) ?? []).join('-');
}

/** Creates or renames a service point; `names` are what its receipts print (enrolment hands them to its workstations). */
export async function addServicePoint(sql: Sql, now: Clock, code: string, name: string, names: { zh?: string; pt?: string } = {}): Promise<void> {
  if (!SERVICE_POINT_PATTERN.test(code)) throw new AdminError(`a service point code is 2–6 capital letters or digits: ${code}`);
  for (const n of [name, names.zh, names.pt])
    if (n !== undefined && (n.trim() === '' || n.length > 100)) throw new AdminError('a service point name is 1–100 characters');
  await sql`INSERT INTO service_points (code, name, name_zh, name_pt, created_at) VALUES (${code}, ${name}, ${names.zh ?? null}, ${names.pt ?? null}, ${now()})
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_zh = coalesce(EXCLUDED.name_zh, service_points.name_zh), name_pt = coalesce(EXCLUDED.name_pt, service_points.name_pt)`;
}

/** Creates the workstation if needed and issues a one-time enrolment code (shown once, stored hashed). */
export async function issueEnrolmentCode(
  sql: Sql,
  now: Clock,
  servicePoint: string,
  code: string,
): Promise<{ workstationId: string; code: string; expiresAt: Date }> {
  if (!WORKSTATION_CODE_PATTERN.test(code)) throw new AdminError(`a workstation code is 1–4 capital letters or digits: ${code}`);
  const id = `${servicePoint}-${code}`;
  return sql.begin(async (tx) => {
    const [sp] = await tx`SELECT 1 FROM service_points WHERE code = ${servicePoint}`;
    if (!sp) throw new AdminError(`no service point ${servicePoint}`);
    const t = now();
    await tx`INSERT INTO workstations (id, service_point, created_at) VALUES (${id}, ${servicePoint}, ${t}) ON CONFLICT (id) DO NOTHING`;
    const enrol = newEnrolmentCode();
    const expiresAt = new Date(t.getTime() + ENROLMENT_CODE_HOURS * 3600_000);
    await tx`INSERT INTO enrolment_codes (code_hash, workstation_id, expires_at, created_at) VALUES (${sha256Hex(enrol)}, ${id}, ${expiresAt}, ${t})`;
    return { workstationId: id, code: enrol, expiresAt };
  });
}

export async function workstationKeyFeed(tx: TransactionSql, id: string): Promise<FeedRow> {
  const [w] = await tx<{ service_point: string; receipt_public_key: string | null; revoked_at: Date | null }[]>`
    SELECT service_point, receipt_public_key, revoked_at FROM workstations WHERE id = ${id}`;
  if (!w) throw new AdminError(`no workstation ${id}`);
  return {
    scope: '*',
    kind: 'workstation_key',
    id,
    data: { workstationId: id, servicePoint: w.service_point, receiptPublicKey: w.receipt_public_key, revoked: w.revoked_at !== null },
  };
}

export async function revokeWorkstation(sql: Sql, now: Clock, id: string): Promise<void> {
  await sql.begin(async (tx) => {
    const t = now();
    const r = await tx`UPDATE workstations SET revoked_at = ${t} WHERE id = ${id} AND revoked_at IS NULL RETURNING id`;
    if (r.length === 0) throw new AdminError(`no active workstation ${id}`);
    await tx`UPDATE sessions SET ended_at = ${t} WHERE workstation_id = ${id} AND ended_at IS NULL`;
    await appendFeed(tx, [await workstationKeyFeed(tx, id)], t);
  });
}

type Role = (typeof ROLE_VALUES)[number];
type UserData = z.infer<typeof UserChangeSchema>;

async function userFeed(tx: TransactionSql, staffNumber: string, previousServicePoints: readonly string[] = []): Promise<FeedRow[]> {
  const [u] = await tx<
    { staff_number: string; display_name: string; roles: Role[]; service_points: string[]; password_verifier: string | null; active: boolean }[]
  >`
    SELECT * FROM users WHERE staff_number = ${staffNumber}`;
  if (!u) return [];
  const data: UserData = {
    staffNumber: u.staff_number,
    displayName: u.display_name,
    roles: u.roles,
    servicePoints: u.service_points,
    passwordVerifier: u.password_verifier,
    active: u.active,
  };
  // Users travel only to their service points (their verifiers are for offline sign-in there).
  const rows: FeedRow[] = u.service_points.map((sp) => ({ scope: sp, kind: 'user', id: u.staff_number, data }));
  for (const sp of previousServicePoints)
    if (!u.service_points.includes(sp)) rows.push({ scope: sp, kind: 'user', id: u.staff_number, deleted: true, data: null });
  return rows;
}

export interface UserInput {
  staffNumber: string;
  displayName: string;
  roles: Role[];
  servicePoints: string[];
  password: string;
}

export async function createUser(sql: Sql, now: Clock, u: UserInput): Promise<void> {
  if (u.password.length < MIN_PASSWORD_LENGTH) throw new AdminError(`a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  const verifier = await hashPassword(u.password);
  await sql.begin(async (tx) => {
    const [prev] = await tx<{ service_points: string[] }[]>`SELECT service_points FROM users WHERE staff_number = ${u.staffNumber}`;
    const t = now();
    await tx`INSERT INTO users (staff_number, display_name, roles, service_points, password_verifier, active, updated_at)
      VALUES (${u.staffNumber}, ${u.displayName}, ${u.roles}, ${u.servicePoints}, ${verifier}, true, ${t})
      ON CONFLICT (staff_number) DO UPDATE SET display_name = EXCLUDED.display_name, roles = EXCLUDED.roles, service_points = EXCLUDED.service_points,
        password_verifier = EXCLUDED.password_verifier, active = true, updated_at = EXCLUDED.updated_at`;
    await appendFeed(tx, await userFeed(tx, u.staffNumber, prev?.service_points), t);
  });
}

export async function setUserActive(sql: Sql, now: Clock, staffNumber: string, active: boolean): Promise<void> {
  await sql.begin(async (tx) => {
    const t = now();
    const r = await tx`UPDATE users SET active = ${active}, updated_at = ${t} WHERE staff_number = ${staffNumber} RETURNING 1`;
    if (r.length === 0) throw new AdminError(`no user ${staffNumber}`);
    if (!active) await tx`UPDATE sessions SET ended_at = ${t} WHERE staff_number = ${staffNumber} AND ended_at IS NULL`;
    await appendFeed(tx, await userFeed(tx, staffNumber), t);
  });
}

export async function resetPassword(sql: Sql, now: Clock, staffNumber: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AdminError(`a password has at least ${MIN_PASSWORD_LENGTH} characters`);
  const verifier = await hashPassword(password);
  await sql.begin(async (tx) => {
    const t = now();
    const r = await tx`UPDATE users SET password_verifier = ${verifier}, updated_at = ${t} WHERE staff_number = ${staffNumber} RETURNING 1`;
    if (r.length === 0) throw new AdminError(`no user ${staffNumber}`);
    await tx`UPDATE sessions SET ended_at = ${t} WHERE staff_number = ${staffNumber} AND ended_at IS NULL`;
    await appendFeed(tx, await userFeed(tx, staffNumber), t);
  });
}

export interface ReferenceImport {
  entities: z.infer<typeof ReferenceEntityChangeSchema>[];
  staffLogins: z.infer<typeof StaffLoginChangeSchema>[];
}

/** Upserts reference data in batches; each batch is one transaction with its feed rows. */
export async function importReference(sql: Sql, now: Clock, data: ReferenceImport, batch = 2000): Promise<{ entities: number; staffLogins: number }> {
  for (let i = 0; i < data.entities.length; i += batch) {
    const part = data.entities.slice(i, i + batch);
    await sql.begin(async (tx) => {
      const rows = part.map((e) => ({ entity_number: e.entityNumber, data: e as never, identity_keys: referenceKeys(e) }));
      await tx`INSERT INTO reference_entities ${tx(rows, 'entity_number', 'data', 'identity_keys')}
        ON CONFLICT (entity_number) DO UPDATE SET data = EXCLUDED.data, identity_keys = EXCLUDED.identity_keys`;
      await appendFeed(
        tx,
        part.map((e) => ({ scope: '*', kind: 'reference_entity', id: e.entityNumber, data: e })),
        now(),
      );
    });
  }
  for (let i = 0; i < data.staffLogins.length; i += batch) {
    const part = data.staffLogins.slice(i, i + batch);
    await sql.begin(async (tx) => {
      const rows = part.map((l) => ({ login_id: l.loginId, entity_number: l.entityNumber, data: l as never }));
      await tx`INSERT INTO staff_logins ${tx(rows, 'login_id', 'entity_number', 'data')}
        ON CONFLICT (login_id) DO UPDATE SET entity_number = EXCLUDED.entity_number, data = EXCLUDED.data`;
      await appendFeed(
        tx,
        part.map((l) => ({ scope: '*', kind: 'staff_login', id: l.loginId, data: l })),
        now(),
      );
    });
  }
  return { entities: data.entities.length, staffLogins: data.staffLogins.length };
}

/** After a restore from backup: every workstation's cursor becomes stale (410) and they resnapshot. */
export async function newEpoch(sql: Sql): Promise<string> {
  const epoch = randomUUID();
  await sql`UPDATE server_meta SET value = ${epoch} WHERE key = 'epoch'`;
  return epoch;
}
