import type { Fragment, Sql, TransactionSql } from 'postgres';
import { canonicalJson } from '../../api/sync/common';
import type { OpResult, PushOp, PushRequest, PushResponse } from '../../api/sync/push';
import { sha256Hex } from '../crypto/signatures';
import type { Clock } from '../db/types';
import { HttpRefusal } from '../http/errors';
import { FEED_COLUMNS, feedNumberer, feedValues, NUMBER_AFTER_COMMIT } from './feed';
import { judgeOp, prefetchReads, type Actor, type Judgement, type OpContext } from './push-ops';

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

/** The op's lookups that ride with the workstation lock: its earlier outcome, its actor, the session it names, the session policy. */
interface OpLookup {
  outcome: OpResult | null;
  payload_sha256: string | null;
  session_required: unknown;
  op_session_staff: string | null;
  staff_number: string | null;
  roles: Actor['roles'] | null;
  service_points: string[] | null;
  active: boolean | null;
}

/**
 * Who vouches for the op's actor (docs/sync-protocol.md §4): the session the op names, which must
 * be this workstation's and signed in as the actor; else the request's own session when it is
 * the actor's; else, unless the deployment requires sessions, the workstation's signature alone.
 */
function attestActor(caller: PushCaller, op: PushOp, look: OpLookup): Attestation {
  if (op.sessionId) return look.op_session_staff === op.actor ? { kind: 'attested', sessionId: op.sessionId } : { kind: 'forged' };
  if (caller.sessionUser !== null && caller.sessionUser === op.actor) return { kind: 'attested', sessionId: caller.sessionId };
  return look.session_required === true ? { kind: 'needs_session' } : { kind: 'attested', sessionId: null };
}

/** `h_n = sha256(h_{n-1}\nopId\nclientSeq\npayloadSha256)` (docs/sync-protocol.md §8). */
export const ledgerStep = (prev: string, opId: string, clientSeq: number, payloadSha256: string): string =>
  sha256Hex(`${prev}\n${opId}\n${clientSeq}\n${payloadSha256}`);

type Db = Sql | TransactionSql;

interface UsedOp {
  op_id: string;
  client_seq: string;
  payload_sha256: string;
}

/** The batch's op ids and client_seqs as stored before (for refuseReuse). */
function usedOps(db: Db, caller: PushCaller, req: PushRequest) {
  const ids = req.ops.map((o) => o.opId);
  const seqs = req.ops.map((o) => o.clientSeq);
  return db<UsedOp[]>`
    SELECT op_id, client_seq, payload_sha256 FROM ops WHERE workstation_id = ${caller.workstationId} AND (op_id = ANY(${ids}::uuid[]) OR client_seq = ANY(${seqs}::bigint[]))`;
}

/** Refuse the whole request (nothing stored) when an op id or client_seq was used before for something else. */
function refuseReuse(req: PushRequest, seen: readonly UsedOp[]): void {
  for (const s of seen) {
    const byId = req.ops.find((o) => o.opId === s.op_id);
    if (byId && byId.payloadSha256 !== s.payload_sha256) throw new HttpRefusal(422, 'op_payload_mismatch', { opId: s.op_id });
    const bySeq = req.ops.find((o) => o.clientSeq === Number(s.client_seq));
    if (bySeq && bySeq.opId !== s.op_id) throw new HttpRefusal(422, 'client_seq_reused', { clientSeq: bySeq.clientSeq, opId: bySeq.opId });
  }
}

interface HeadRow {
  seq: string;
  hash: string;
}

const lastAuditHead = (db: Db, caller: PushCaller) =>
  db<HeadRow[]>`SELECT seq, hash FROM audit_heads WHERE workstation_id = ${caller.workstationId} ORDER BY id DESC LIMIT 1`;

/** What the pushed audit head says against the last one kept, and whether to keep it. */
function judgeAuditHead(
  head: PushRequest['auditHead'],
  last: HeadRow | undefined,
): { anchor: PushResponse['auditAnchor']; record: boolean; contradicts: boolean } {
  if (!head) return { anchor: 'none', record: false, contradicts: false };
  if (last && Number(last.seq) === head.seq && last.hash === head.hash) return { anchor: 'unchanged', record: false, contradicts: false };
  // The same position with another hash, or going backwards: the local chain was rewritten (or restored).
  const contradicts = Boolean(last && (head.seq < Number(last.seq) || (head.seq === Number(last.seq) && head.hash !== last.hash)));
  return { anchor: contradicts ? 'contradicts_previous' : 'recorded', record: true, contradicts };
}

const recordAuditHead = (db: Db, caller: PushCaller, head: NonNullable<PushRequest['auditHead']>, contradicts: boolean, now: Date) =>
  db`INSERT INTO audit_heads (workstation_id, seq, hash, contradicts_previous, received_at) VALUES (${caller.workstationId}, ${head.seq}, ${head.hash}, ${contradicts}, ${now})`;

/** A unique violation: a race lost to another transaction (optimistic writes are then redone carefully). */
const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';

/**
 * Push: each op in its own transaction, in client_seq order, under the workstation's row lock
 * (two pushes of the same batch, on any nodes, are serialised there; the permanent
 * UNIQUE(workstation_id, op_id) is the last line). The first op that is not consumed stops the
 * batch; the rest get seq_gap.
 *
 * Round trips of a one-op submit: BEGIN; the lock with every read the op needs (pipelined); one
 * statement that writes the application, its FAQ 8 claims, the op, its feed rows, the audit
 * head and the ledger step; COMMIT; then the feed rows are numbered (migration 006). The request-wide checks (op id
 * or client_seq reused, audit head) ride with the first op's lock.
 *
 * `payloadHashes[i]` is the SHA-256 of canonicalJson of op i's payload exactly as received
 * (before schema defaults were applied).
 */
export async function handlePush(sql: Sql, now: Clock, caller: PushCaller, req: PushRequest, payloadHashes: readonly string[]): Promise<PushResponse> {
  let auditAnchor: PushResponse['auditAnchor'] = 'none';
  if (req.ops.length === 0 && req.auditHead) {
    const [last] = await lastAuditHead(sql, caller);
    const a = judgeAuditHead(req.auditHead, last);
    if (a.record) await recordAuditHead(sql, caller, req.auditHead, a.contradicts, now());
    auditAnchor = a.anchor;
  }
  const numberFeed = feedNumberer(sql);
  const results: OpResult[] = [];
  let stoppedAt: number | undefined;
  // The workstation's next expected client_seq, as last read or written under its row lock.
  let nextSeq: number | undefined;
  let wroteFeed = false;
  for (const [i, op] of req.ops.entries()) {
    if (stoppedAt !== undefined) {
      results.push({ opId: op.opId, clientSeq: op.clientSeq, status: 'seq_gap', expected: stoppedAt });
      continue;
    }
    type Done = { result: OpResult; anchor?: PushResponse['auditAnchor']; feed: boolean };
    const judged = async (tx: TransactionSql, optimistic: boolean): Promise<Done> => {
      const at = now();
      const ctx: OpContext = { workstationId: caller.workstationId, servicePoint: caller.servicePoint, now: at, optimistic };
      // One round trip: everything below is pipelined behind the lock and runs once it is granted
      // (postgres.js sends a query when it is executed: in this order).
      // Its commit does not wait for the WAL flush: the push answers only after flushWal() below,
      // whose commit record comes after every op's, so nothing acknowledged can be lost.
      const numberLater =
        tx`SELECT set_config(${NUMBER_AFTER_COMMIT[0]}, ${NUMBER_AFTER_COMMIT[1]}, true), set_config('synchronous_commit', 'off', true)`.execute();
      const locked = tx<{ next_seq: string; ledger_hash: string }[]>`
          SELECT next_seq, ledger_hash FROM workstations WHERE id = ${caller.workstationId} FOR UPDATE`.execute();
      const looked = tx<OpLookup[]>`
          SELECT o.outcome, o.payload_sha256, s.value AS session_required, os.staff_number AS op_session_staff,
            u.staff_number, u.roles, u.service_points, u.active
          FROM (SELECT 1) AS one
          LEFT JOIN ops o ON o.workstation_id = ${caller.workstationId} AND o.op_id = ${op.opId}::uuid
          LEFT JOIN settings s ON s.key = ${SESSION_REQUIRED_SETTING}
          LEFT JOIN sessions os ON os.id = ${op.sessionId ?? null}::uuid AND os.workstation_id = ${caller.workstationId}
          LEFT JOIN users u ON u.staff_number = ${op.actor}`.execute();
      // The request-wide reads ride with the first op (a refusal rolls it back: nothing stored).
      const used = i === 0 ? usedOps(tx, caller, req).execute() : undefined;
      const head = i === 0 && req.auditHead ? lastAuditHead(tx, caller).execute() : undefined;
      const reads = prefetchReads(tx, op, ctx);
      const [, [ws], [look], seen, [last]] = await Promise.all([numberLater, locked, looked, used ?? [], head ?? []]);
      if (!ws) throw new HttpRefusal(401, 'unknown_workstation');
      if (!look) throw new Error('op lookup returned no row');
      refuseReuse(req, seen);
      let anchor: PushResponse['auditAnchor'] | undefined;
      // The new audit head is written with the op's record, or on its own when the op writes nothing.
      let headWrite: { record(): Promise<unknown>; cte: Fragment } | undefined;
      if (i === 0 && req.auditHead) {
        const a = judgeAuditHead(req.auditHead, last);
        const h = req.auditHead;
        if (a.record)
          headWrite = {
            record: () => recordAuditHead(tx, caller, h, a.contradicts, at),
            cte: tx`anchored AS (${recordAuditHead(tx, caller, h, a.contradicts, at)}),`,
          };
        anchor = a.anchor;
      }
      const done = async (result: OpResult) => {
        await headWrite?.record();
        return { result, ...(anchor ? { anchor } : {}), feed: false };
      };
      const expected = Number(ws.next_seq);
      nextSeq = expected;
      if (look.outcome) {
        if (look.payload_sha256 !== op.payloadSha256) throw new HttpRefusal(422, 'op_payload_mismatch', { opId: op.opId });
        return done({ opId: op.opId, clientSeq: op.clientSeq, status: 'duplicate', original: look.outcome as never });
      }
      if (op.clientSeq < expected) throw new HttpRefusal(422, 'client_seq_reused', { clientSeq: op.clientSeq, opId: op.opId });
      if (op.clientSeq > expected) return done({ opId: op.opId, clientSeq: op.clientSeq, status: 'seq_gap', expected });
      const attested = attestActor(caller, op, look);
      if (attested.kind === 'needs_session') return done({ opId: op.opId, clientSeq: op.clientSeq, status: 'needs_session', actor: op.actor });
      const actor: Actor | undefined =
        look.staff_number !== null
          ? { staff_number: look.staff_number, roles: look.roles ?? [], service_points: look.service_points ?? [], active: look.active === true }
          : undefined;
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
          : await judgeOp(tx, op, payloadHashes[i] ?? canonicalJsonHash(op.payload), ctx, actor, reads);
      if (j.kind === 'needs_blobs') return done({ opId: op.opId, clientSeq: op.clientSeq, status: 'needs_blobs', missing: j.missing });
      // The op's own writes, the op, the ledger step and the op's feed rows in one statement: one round trip before COMMIT.
      const feed = feedValues(j.feed, at);
      const [w] = await tx<{ next_seq: string }[]>`
          WITH ${[...(headWrite ? [headWrite.cte] : []), ...(j.writes ?? [])].reduce((a, b) => tx`${a} ${b}`, tx``)}
          o AS (
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
      return { result: j.outcome, ...(anchor ? { anchor } : {}), feed: feed.length > 0 };
    };
    // sql.begin, not a reserved connection with BEGIN pipelined: under load sql.reserve() waits
    // for a pooled connection to fall idle while plain queries keep every one busy (measured:
    // a wider p99 tail than the two round trips it saves).
    const runOp = (optimistic: boolean): Promise<Done> => sql.begin((tx) => judged(tx, optimistic));
    // A unique violation in the optimistic statement: a race lost to another node (the same
    // entity's first application, the same number). Judged again, now seeing the winner.
    const optimistic = op.type === 'application.submit';
    const done = await runOp(optimistic).catch((e: unknown) => (optimistic && isUniqueViolation(e) ? runOp(false) : Promise.reject(e)));
    if (done.anchor) auditAnchor = done.anchor;
    wroteFeed ||= done.feed;
    const result = done.result;
    results.push(result);
    if (result.status === 'needs_blobs' || result.status === 'needs_session') stoppedAt = op.clientSeq;
    if (result.status === 'seq_gap') stoppedAt = result.expected;
  }
  // Every op's commit skipped the WAL flush (one flush per op was most of a push's time); one
  // flush now makes all of them durable before the answer says so.
  if (req.ops.length > 0) await flushWal(sql);
  // The ops are durable; their feed rows get their numbers now, so this workstation's next pull
  // sees them. Should this fail, the node's periodic pass numbers them (server/node.ts).
  if (wroteFeed) await numberFeed().catch(() => undefined);
  if (nextSeq === undefined) {
    const [ws] = await sql<{ next_seq: string }[]>`SELECT next_seq FROM workstations WHERE id = ${caller.workstationId}`;
    nextSeq = Number(ws?.next_seq ?? 1);
  }
  return { results, ackedThrough: nextSeq - 1, auditAnchor, serverTime: now().toISOString() };
}

/**
 * Waits until the WAL is flushed through everything committed before it: a transaction given an
 * id writes a commit record, and a synchronous commit waits for the WAL up to that record — the
 * WAL is one sequence, so every earlier commit is flushed with it. Writes no row.
 */
const flushWal = (sql: Sql) => sql`SELECT pg_current_xact_id()`;

export const canonicalJsonHash = (payload: unknown): string => sha256Hex(canonicalJson(payload));
