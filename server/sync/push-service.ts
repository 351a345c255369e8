import type { Sql, TransactionSql } from 'postgres';
import { canonicalJson } from '../../api/sync/common';
import type { OpResult, PushOp, PushRequest, PushResponse } from '../../api/sync/push';
import { sha256Hex } from '../crypto/signatures';
import type { Clock } from '../db/types';
import { HttpRefusal } from '../http/errors';
import { FEED_COLUMNS, feedValues } from './feed';
import { judgeOp, type Judgement, type OpContext } from './push-ops';

export interface PushCaller {
  workstationId: string;
  servicePoint: string;
  /** The signed-in person's staff number when the push carried a session. */
  sessionUser: string | null;
  /** That session's id. */
  sessionId: string | null;
}

/** Setting (settings table, JSON true): every op's actor must be attested by a server session (docs/sync-protocol.md §4). */
export const SESSION_REQUIRED_SETTING = 'sync.sessionRequired';

type Attestation = { kind: 'attested'; sessionId: string | null } | { kind: 'forged' } | { kind: 'needs_session' };

/**
 * Who vouches for the op's actor (docs/sync-protocol.md §4): the session the op names, which must
 * be this workstation's and signed in as the actor; else the request's own session when it is
 * the actor's; else, unless the deployment requires sessions, the workstation's signature alone.
 */
async function attestActor(tx: TransactionSql, caller: PushCaller, op: PushOp, sessionRequired: boolean): Promise<Attestation> {
  if (op.sessionId) {
    const [s] = await tx<{ staff_number: string }[]>`
      SELECT staff_number FROM sessions WHERE id = ${op.sessionId}::uuid AND workstation_id = ${caller.workstationId}`;
    return s?.staff_number === op.actor ? { kind: 'attested', sessionId: op.sessionId } : { kind: 'forged' };
  }
  if (caller.sessionUser !== null && caller.sessionUser === op.actor) return { kind: 'attested', sessionId: caller.sessionId };
  return sessionRequired ? { kind: 'needs_session' } : { kind: 'attested', sessionId: null };
}

/** `h_n = sha256(h_{n-1}\nopId\nclientSeq\npayloadSha256)` (docs/sync-protocol.md §8). */
export const ledgerStep = (prev: string, opId: string, clientSeq: number, payloadSha256: string): string =>
  sha256Hex(`${prev}\n${opId}\n${clientSeq}\n${payloadSha256}`);

/** Refuse the whole request (nothing stored) when an op id or client_seq was used before for something else. */
async function refuseReuse(sql: Sql, caller: PushCaller, req: PushRequest): Promise<void> {
  if (req.ops.length === 0) return;
  const ids = req.ops.map((o) => o.opId);
  const seqs = req.ops.map((o) => o.clientSeq);
  const seen = await sql<{ op_id: string; client_seq: string; payload_sha256: string }[]>`
    SELECT op_id, client_seq, payload_sha256 FROM ops WHERE workstation_id = ${caller.workstationId} AND (op_id = ANY(${ids}::uuid[]) OR client_seq = ANY(${seqs}::bigint[]))`;
  for (const s of seen) {
    const byId = req.ops.find((o) => o.opId === s.op_id);
    if (byId && byId.payloadSha256 !== s.payload_sha256) throw new HttpRefusal(422, 'op_payload_mismatch', { opId: s.op_id });
    const bySeq = req.ops.find((o) => o.clientSeq === Number(s.client_seq));
    if (bySeq && bySeq.opId !== s.op_id) throw new HttpRefusal(422, 'client_seq_reused', { clientSeq: bySeq.clientSeq, opId: bySeq.opId });
  }
}

async function anchorAuditHead(
  sql: Sql,
  caller: PushCaller,
  head: PushRequest['auditHead'],
  last: { seq: string; hash: string } | undefined,
  now: Date,
): Promise<PushResponse['auditAnchor']> {
  if (!head) return 'none';
  if (last && Number(last.seq) === head.seq && last.hash === head.hash) return 'unchanged';
  // The same position with another hash, or going backwards: the local chain was rewritten (or restored).
  const contradicts = Boolean(last && (head.seq < Number(last.seq) || (head.seq === Number(last.seq) && head.hash !== last.hash)));
  await sql`INSERT INTO audit_heads (workstation_id, seq, hash, contradicts_previous, received_at) VALUES (${caller.workstationId}, ${head.seq}, ${head.hash}, ${contradicts}, ${now})`;
  return contradicts ? 'contradicts_previous' : 'recorded';
}

/**
 * Push: each op in its own transaction, in client_seq order, under the workstation's row lock
 * (two pushes of the same batch, on any nodes, are serialised there; the permanent
 * UNIQUE(workstation_id, op_id) is the last line). The first op that is not consumed stops the
 * batch; the rest get seq_gap.
 *
 * `payloadHashes[i]` is the SHA-256 of canonicalJson of op i's payload exactly as received
 * (before schema defaults were applied).
 */
export async function handlePush(sql: Sql, now: Clock, caller: PushCaller, req: PushRequest, payloadHashes: readonly string[]): Promise<PushResponse> {
  // Independent reads on two pooled connections at once; the anchor is written only once the batch is not refused.
  const [, [lastHead]] = await Promise.all([
    refuseReuse(sql, caller, req),
    req.auditHead
      ? sql<{ seq: string; hash: string }[]>`SELECT seq, hash FROM audit_heads WHERE workstation_id = ${caller.workstationId} ORDER BY id DESC LIMIT 1`
      : [],
  ]);
  const auditAnchor = await anchorAuditHead(sql, caller, req.auditHead, lastHead, now());
  const results: OpResult[] = [];
  let stoppedAt: number | undefined;
  // The workstation's next expected client_seq, as last read or written under its row lock.
  let nextSeq: number | undefined;
  for (const [i, op] of req.ops.entries()) {
    if (stoppedAt !== undefined) {
      results.push({ opId: op.opId, clientSeq: op.clientSeq, status: 'seq_gap', expected: stoppedAt });
      continue;
    }
    const result = await sql.begin(async (tx): Promise<OpResult> => {
      // Pipelined: the op lookup runs right after the lock is granted, in the same round trip.
      const [[ws], [seen]] = await Promise.all([
        tx<{ next_seq: string; ledger_hash: string }[]>`SELECT next_seq, ledger_hash FROM workstations WHERE id = ${caller.workstationId} FOR UPDATE`,
        // The deployment's session policy rides along (one statement fewer per op).
        tx<{ outcome: OpResult | null; payload_sha256: string | null; session_required: unknown }[]>`
          SELECT o.outcome, o.payload_sha256, (SELECT value FROM settings WHERE key = ${SESSION_REQUIRED_SETTING}) AS session_required
          FROM (SELECT 1) AS one LEFT JOIN ops o ON o.workstation_id = ${caller.workstationId} AND o.op_id = ${op.opId}::uuid`,
      ]);
      if (!ws) throw new HttpRefusal(401, 'unknown_workstation');
      const expected = Number(ws.next_seq);
      nextSeq = expected;
      if (seen?.outcome) {
        if (seen.payload_sha256 !== op.payloadSha256) throw new HttpRefusal(422, 'op_payload_mismatch', { opId: op.opId });
        return { opId: op.opId, clientSeq: op.clientSeq, status: 'duplicate', original: seen.outcome as never };
      }
      if (op.clientSeq < expected) throw new HttpRefusal(422, 'client_seq_reused', { clientSeq: op.clientSeq, opId: op.opId });
      if (op.clientSeq > expected) return { opId: op.opId, clientSeq: op.clientSeq, status: 'seq_gap', expected };
      const at = now();
      const ctx: OpContext = { workstationId: caller.workstationId, servicePoint: caller.servicePoint, now: at };
      const attested = await attestActor(tx, caller, op, seen?.session_required === true);
      if (attested.kind === 'needs_session') return { opId: op.opId, clientSeq: op.clientSeq, status: 'needs_session', actor: op.actor };
      const j: Judgement =
        attested.kind === 'forged'
          ? {
              kind: 'final',
              outcome: {
                opId: op.opId,
                clientSeq: op.clientSeq,
                status: 'rejected',
                reason: { code: 'actor_not_session_user', messageKey: 'sync.rejected.actor_not_session_user' },
              },
              feed: [],
            }
          : await judgeOp(tx, op, payloadHashes[i] ?? canonicalJsonHash(op.payload), ctx);
      if (j.kind === 'needs_blobs') return { opId: op.opId, clientSeq: op.clientSeq, status: 'needs_blobs', missing: j.missing };
      // The op, the ledger step and the op's feed rows in one statement: one round trip before COMMIT.
      const feed = feedValues(j.feed, at);
      const [w] = await tx<{ next_seq: string }[]>`
        WITH o AS (
          INSERT INTO ops (workstation_id, op_id, client_seq, type, record_id, payload_sha256, actor, session_staff, session_id, outcome, received_at)
          VALUES (${caller.workstationId}, ${op.opId}::uuid, ${op.clientSeq}, ${op.type}, ${op.recordId}::uuid, ${op.payloadSha256}, ${op.actor},
            ${caller.sessionUser}, ${attested.kind === 'attested' ? attested.sessionId : null}::uuid, ${j.outcome as never}, ${at})
        ),
        ${feed.length > 0 ? tx`f AS (INSERT INTO feed ${tx(feed, ...FEED_COLUMNS)}),` : tx``}
        w AS (
          UPDATE workstations SET next_seq = next_seq + 1, ledger_hash = ${ledgerStep(ws.ledger_hash, op.opId, op.clientSeq, op.payloadSha256)}
          WHERE id = ${caller.workstationId} RETURNING next_seq
        )
        SELECT next_seq FROM w`;
      nextSeq = Number(w?.next_seq ?? expected + 1);
      return j.outcome;
    });
    results.push(result);
    if (result.status === 'needs_blobs' || result.status === 'needs_session') stoppedAt = op.clientSeq;
    if (result.status === 'seq_gap') stoppedAt = result.expected;
  }
  if (nextSeq === undefined) {
    const [ws] = await sql<{ next_seq: string }[]>`SELECT next_seq FROM workstations WHERE id = ${caller.workstationId}`;
    nextSeq = Number(ws?.next_seq ?? 1);
  }
  return { results, ackedThrough: nextSeq - 1, auditAnchor, serverTime: now().toISOString() };
}

export const canonicalJsonHash = (payload: unknown): string => sha256Hex(canonicalJson(payload));
