import type { TransactionSql } from 'postgres';
import type { Refusal } from '../../api/sync/common';
import type { PushOp } from '../../api/sync/push';
import type { ReferenceStaffLogin } from '../../domain/rules/requirement';
import { createEs256Verifier, type SignatureVerifier } from '../../domain/security-code/es256-verifier';
import { faceRecognitionVerdict } from '../../domain/security-code/face-recognition-checks';
import { decodeSecurityCode } from '../../domain/security-code/payload-codec';
import { DEFAULT_SKEW_SECONDS, MAX_LIFETIME_SECONDS } from '../../domain/security-code/security-code-checks';
import { findStaffLogin } from '../../domain/security-code/staff-login-lookup';
import type { CheckResult } from '../../domain/security-code/verdict';
import { judgeScan, toHex } from '../../domain/security-code/verify-scan';
import type { FeedRow } from './feed';

// Issue 16 item 4: the server's re-check of an enablement made at a counter (FAQ 18, 19). It
// trusts no workstation: the same check tables as the counter (domain/security-code), on the
// server's reference data, with the login's row locked so two counters enabling the same login
// are serialised; the QR's nonce is consumed by a primary key (migration 004), so the same QR
// pushed by two workstations at once is accepted exactly once. On acceptance the login's tool is
// marked on in the reference data and published to every workstation (pull, kind staff_login).

export type EnableOp = Extract<PushOp, { type: 'eid.enable' }>;

export type EnablementOutcome = { status: 'applied'; version: number } | { status: 'rejected'; reason: Refusal };

export interface EnablementContext {
  workstationId: string;
  now: Date;
  verifier?: SignatureVerifier;
}

const refused = (code: 'eid_refused' | 'eid_nonce_consumed', messageKey: string, params?: Refusal['params']): EnablementOutcome => ({
  status: 'rejected',
  reason: { code, messageKey, ...(params ? { params } : {}) },
});

const NONCE_CONSUMED = refused('eid_nonce_consumed', 'eid.server.nonce_consumed');

/** The first failed check, in table order, as the refusal the clerk reads (the check's own message). */
function firstFailure(checks: readonly CheckResult<string>[]): EnablementOutcome {
  const f = checks.find((c) => c.status === 'fail');
  // A replay on the server is a nonce consumed at some counter (this one or another).
  if (!f || f.id === 'replay') return f ? NONCE_CONSUMED : refused('eid_refused', 'eid.server.refused');
  return refused('eid_refused', f.messageKey, f.params);
}

/** The tolerated clock skew: the server setting `securityCode.skewSeconds` (an administrator's), else 30 s. */
async function skewSeconds(tx: TransactionSql): Promise<number> {
  const [row] = await tx<{ value: unknown }[]>`SELECT value FROM settings WHERE key = 'securityCode.skewSeconds'`;
  const s = row?.value;
  return typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= MAX_LIFETIME_SECONDS ? s : DEFAULT_SKEW_SECONDS;
}

/**
 * When the counter checked the QR: the enablement's own time (an enablement queued offline is
 * judged as of the moment the person stood at the counter), never later than the server's now.
 */
function checkedAt(op: EnableOp, now: Date): Date {
  const at = new Date(op.payload.at);
  return Number.isNaN(at.getTime()) || at > now ? now : at;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export async function judgeEnablement(tx: TransactionSql, op: EnableOp, c: EnablementContext): Promise<{ outcome: EnablementOutcome; feed: FeedRow[] }> {
  const p = op.payload;
  const none = (outcome: EnablementOutcome) => ({ outcome, feed: [] });
  // Locked until commit: a second enablement of this login (same QR or another) waits, then sees this one's result.
  const rows = await tx<{ login_id: string; data: ReferenceStaffLogin }[]>`
    SELECT login_id, data FROM staff_logins WHERE login_id = ${p.staffLoginId} FOR UPDATE`;
  const logins = rows.map((r) => ({ ...r.data, loginId: r.login_id }));
  const at = checkedAt(op, c.now);
  let nonceHex: string | undefined;

  if (p.tool === 'security_code') {
    const qrText = p.qrText ?? '';
    const decoded = decodeSecurityCode(qrText);
    nonceHex = decoded.ok ? toHex(decoded.code.nonce) : undefined;
    const consumed = nonceHex ? (await tx`SELECT 1 FROM security_code_nonces WHERE nonce = ${nonceHex}`).length > 0 : false;
    const j = await judgeScan(
      { qrText, entityNumber: p.entityNumber, sightedId: p.sightedId, originalSighted: p.originalSighted },
      {
        staffLogins: logins,
        securityCodeOn: (l) => l.securityCode === 'enabled',
        nonceSeen: () => consumed,
        now: at,
        skewSeconds: await skewSeconds(tx),
      },
      c.verifier ?? createEs256Verifier(globalThis.crypto.subtle),
    );
    if (!j.verdict.ok) return none(firstFailure(j.verdict.checks));
    // The QR names the login; the op must be about that same login (a workstation cannot swap it).
    if (!j.login || j.login.loginId !== p.staffLoginId) return none(refused('eid_refused', 'eid.server.refused'));
  } else {
    const login = findStaffLogin(logins, p.entityNumber, p.staffLoginId);
    const v = faceRecognitionVerdict({
      entityNumber: p.entityNumber,
      staffLoginId: p.staffLoginId,
      ...(login ? { login } : {}),
      reenabledHere: false,
      sighted: p.sightedId,
      originalSighted: p.originalSighted,
    });
    if (!v.ok) return none(firstFailure(v.checks));
  }

  const row = rows[0]!;
  try {
    await tx.savepoint(async (sp) => {
      if (nonceHex)
        await sp`INSERT INTO security_code_nonces (nonce, enablement_id, workstation_id, consumed_at) VALUES (${nonceHex}, ${op.recordId}::uuid, ${c.workstationId}, ${c.now})`;
      await sp`INSERT INTO eid_enablements (id, tool, visit_id, workstation_id, entity_number, staff_login_id, clerk, done_at, received_at)
        VALUES (${op.recordId}::uuid, ${p.tool}, ${p.visitId}, ${c.workstationId}, ${row.data.entityNumber}, ${row.login_id}, ${op.actor}, ${at}, ${c.now})`;
    });
  } catch (e) {
    // Another counter's push of the same QR committed first (it held the nonce while we waited).
    if (isUniqueViolation(e)) return none(nonceHex ? NONCE_CONSUMED : refused('eid_refused', 'eid.server.refused'));
    throw e;
  }
  const data: ReferenceStaffLogin = p.tool === 'security_code' ? { ...row.data, securityCode: 'enabled' } : { ...row.data, faceRecognition: 'enabled' };
  await tx`UPDATE staff_logins SET data = ${data as never} WHERE login_id = ${row.login_id}`;
  return { outcome: { status: 'applied', version: 1 }, feed: [{ scope: '*', kind: 'staff_login', id: row.login_id, data }] };
}
