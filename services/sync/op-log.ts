import { randomBytes } from 'node:crypto';
import type { Application } from '../../domain/model/application';
import { REJECTION_REASONS } from '../../domain/workflow/application-workflow';
import { canonicalJson } from '../../api/sync/common';
import type { PushOpInput } from '../../api/sync/push';
import type { Store } from '../store';
import { createApplicationRepository } from '../intake/application-repository';
import { answerOfSettlement, recordEnablementAnswer } from '../security-code/enablement-answers';
import { ENABLEMENT_TOPIC } from '../security-code/enablement-service';
import { sha256Hex } from './http-link';

// Outbox → frozen ops. Drafts stay on the workstation that took them in (ownership until
// submission), so only four kinds of outbox row become ops: a submit, a resubmit after a
// return, a decision, and an e-ID enablement (issue 16). Every other row is marked handled in the same transaction. An op is
// frozen once (op_id, client_seq, body) and resent byte for byte, however often.

export type OpState = 'pending' | 'acked' | 'parked' | 'conflict';

export interface FrozenOp {
  clientSeq: number;
  opId: string;
  kind: string;
  recordId: string;
  op: PushOpInput;
  blobs: string[];
  /** Scan bytes the op's scans weigh. */
  bytes: number;
  state: OpState;
  reason: string | null;
  detail: string | null;
  attempts: number;
  createdAt: string;
  settledAt: string | null;
}

interface OpRow {
  client_seq: number;
  op_id: string;
  kind: string;
  record_id: string;
  body: string;
  blobs: string;
  bytes: number;
  state: OpState;
  reason: string | null;
  detail: string | null;
  attempts: number;
  created_at: string;
  settled_at: string | null;
  outbox_from: number;
  outbox_to: number;
}

interface OutboxRow {
  seq: number;
  topic: string;
  subject_id: string;
  payload: string;
  created_at: string;
}

const toOp = (r: OpRow): FrozenOp => ({
  clientSeq: r.client_seq,
  opId: r.op_id,
  kind: r.kind,
  recordId: r.record_id,
  op: JSON.parse(r.body) as PushOpInput,
  blobs: JSON.parse(r.blobs) as string[],
  bytes: r.bytes,
  state: r.state,
  reason: r.reason,
  detail: r.detail,
  attempts: r.attempts,
  createdAt: r.created_at,
  settledAt: r.settled_at,
});

/** RFC 9562 UUIDv7 from the injected clock (time-ordered, so the server's index stays compact). */
export function uuidV7(ms: number): string {
  const b = randomBytes(16);
  b.writeUIntBE(Math.max(0, Math.floor(ms)), 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const staffOf = (actor: string) => actor.replace(/^staff:/, '');

/** Scans an application refers to: document attachments are their SHA-256s (domain/model). */
/** An outbox row that will become an op once those ahead of it are answered. */
export interface UnfrozenOp {
  kind: 'application.submit' | 'application.resubmit' | 'application.decide' | 'eid.enable';
  recordId: string;
  createdAt: string;
  /** Its application's scans (submissions), uploaded or not. */
  bytes: number;
}

export function blobsOf(application: Pick<Application, 'documents'>): string[] {
  const out = new Set<string>();
  for (const d of Object.values(application.documents)) for (const a of d?.attachments ?? []) out.add(a);
  return [...out];
}

export function createOpLog(store: Store, clock: () => Date) {
  const db = store.db;
  const applications = createApplicationRepository(store);
  const now = () => clock().toISOString();
  const s = {
    state: db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?'),
    setState: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    outbox: db.prepare<[number, number], OutboxRow>(
      'SELECT seq, topic, subject_id, payload, created_at FROM outbox WHERE sent_at IS NULL AND seq > ? ORDER BY seq LIMIT ?',
    ),
    outboxSent: db.prepare('UPDATE outbox SET sent_at = ? WHERE seq BETWEEN ? AND ? AND sent_at IS NULL'),
    maxSeq: db.prepare<[], { m: number | null }>('SELECT max(client_seq) AS m FROM sync_ops'),
    insert: db.prepare(
      `INSERT INTO sync_ops (client_seq, op_id, kind, record_id, body, blobs, bytes, outbox_from, outbox_to, created_at)
       VALUES (@client_seq, @op_id, @kind, @record_id, @body, @blobs, @bytes, @outbox_from, @outbox_to, @created_at)`,
    ),
    submitted: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM sync_ops WHERE record_id = ? AND kind = 'application.submit'`),
    unsettledFor: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM sync_ops WHERE record_id = ? AND state = 'pending'`),
    version: db.prepare<[string], { version: number }>(`SELECT version FROM sync_pulled WHERE kind = 'application' AND record_id = ?`),
    blobSize: db.prepare<[string], { size: number }>('SELECT size FROM blobs WHERE sha256 = ?'),
    pending: db.prepare<[number], OpRow>(`SELECT * FROM sync_ops WHERE state = 'pending' ORDER BY client_seq LIMIT ?`),
    bySeq: db.prepare<[number], OpRow>('SELECT * FROM sync_ops WHERE client_seq = ?'),
    byState: db.prepare<[string, number], OpRow>('SELECT * FROM sync_ops WHERE state = ? ORDER BY client_seq LIMIT ?'),
    settle: db.prepare(`UPDATE sync_ops SET state = ?, reason = ?, detail = ?, settled_at = ? WHERE client_seq = ?`),
    attempt: db.prepare('UPDATE sync_ops SET attempts = attempts + 1 WHERE client_seq = ?'),
    reopenFrom: db.prepare(`UPDATE sync_ops SET state = 'pending', settled_at = NULL WHERE client_seq >= ? AND state = 'acked'`),
    setVersion: db.prepare(
      `INSERT INTO sync_pulled (kind, record_id, version, body, pulled_at) VALUES ('application', ?, ?, '{}', ?)
       ON CONFLICT (kind, record_id) DO UPDATE SET version = max(version, excluded.version)`,
    ),
    // The status bar asks twice a second, and acked ops stay: only the queue and what needs a person
    // are read row by row (via sync_ops_state); acked ops are counted in the index alone. Summing
    // bytes over every op ever sent read the whole table: 125 ms at 10,000 ops, 590 ms at 50,000.
    counts: db.prepare<[], { state: OpState; n: number; bytes: number }>(
      `SELECT state, count(*) AS n, sum(bytes) AS bytes FROM sync_ops WHERE state IN ('pending', 'parked', 'conflict') GROUP BY state
       UNION ALL SELECT 'acked', count(*), 0 FROM sync_ops WHERE state = 'acked'`,
    ),
    pendingCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM sync_ops WHERE state = 'pending'`),
    // Mirrors opFor's choice of the rows that become ops.
    unfrozenOpRows: db.prepare<[number, string, number], { topic: string; subject_id: string; created_at: string }>(
      `SELECT topic, subject_id, created_at FROM outbox WHERE sent_at IS NULL AND seq > ? AND (
         (topic = 'application.saved' AND json_extract(payload, '$.status') = 'pending_approval') OR topic = 'application.decided' OR topic = ?)
       ORDER BY seq LIMIT ?`,
    ),
    scanBytesOf: db.prepare<[string], { bytes: number | null }>(
      `SELECT sum(b.size) AS bytes FROM blobs b WHERE b.sha256 IN (
         SELECT p.blob_sha256 FROM attachments a JOIN attachment_pages p ON p.attachment_id = a.id WHERE a.application_id = ? AND a.removed_at IS NULL)`,
    ),
    unfrozenOps: db.prepare<[number, string], { n: number }>(
      `SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND seq > ? AND (
         (topic = 'application.saved' AND json_extract(payload, '$.status') = 'pending_approval') OR topic = 'application.decided' OR topic = ?)`,
    ),
  };
  const getState = (k: string) => s.state.get(k)?.value;

  const freezeOne = (row: OutboxRow, seq: number, op: Omit<PushOpInput, 'opId' | 'clientSeq' | 'payloadSha256'>) => {
    const opId = uuidV7(clock().getTime());
    const full = { ...op, opId, clientSeq: seq, payloadSha256: sha256Hex(Buffer.from(canonicalJson(op.payload), 'utf8')) } as PushOpInput;
    const blobs = full.blobs ?? [];
    const bytes = blobs.reduce((n, b) => n + (s.blobSize.get(b)?.size ?? 0), 0);
    s.insert.run({
      client_seq: seq,
      op_id: opId,
      kind: op.type,
      record_id: row.subject_id,
      body: JSON.stringify(full),
      blobs: JSON.stringify(blobs),
      bytes,
      outbox_from: row.seq,
      outbox_to: row.seq,
      created_at: now(),
    });
  };

  /** The op an outbox row becomes, or null when the row stays local; 'wait' when it must wait for an earlier op's answer. */
  const opFor = (row: OutboxRow): Omit<PushOpInput, 'opId' | 'clientSeq' | 'payloadSha256'> | null | 'wait' => {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    if (row.topic === 'application.saved' && payload.status === 'pending_approval') {
      const rec = store.applications.get(row.subject_id);
      if (!rec) return null;
      // A document that no longer parses still goes, as stored and with no scans: the server
      // refuses it and the op is parked where a person sees it, instead of vanishing here.
      const readable = applications.readableApplicationOf(rec);
      const application = readable ?? (rec.data as Application);
      const blobs = readable ? blobsOf(readable) : [];
      const editors = [
        ...new Set(
          store.audit
            .forSubject(rec.id)
            .filter((e) => e.action === 'create' || e.action === 'edit')
            .map((e) => staffOf(e.actor)),
        ),
      ];
      // The person who submitted, as of this outbox row: a decision may already have followed it here.
      const submitter = rec.statusHistory.filter((h) => h.status === 'pending_approval' && h.at <= row.created_at).at(-1)?.actor ?? rec.createdBy;
      const base = { recordId: rec.id, blobs, actor: staffOf(submitter), at: row.created_at };
      if ((s.submitted.get(rec.id)?.n ?? 0) === 0) {
        return {
          ...base,
          type: 'application.submit',
          baseVersion: 0,
          payload: { applicationNumber: rec.applicationNumber ?? '', application, createdBy: staffOf(rec.createdBy), editors },
        };
      }
      if ((s.unsettledFor.get(rec.id)?.n ?? 0) > 0) return 'wait';
      return { ...base, type: 'application.resubmit', baseVersion: s.version.get(rec.id)?.version ?? 0, payload: { application, editors } };
    }
    if (row.topic === 'application.decided') {
      if ((s.unsettledFor.get(row.subject_id)?.n ?? 0) > 0) return 'wait';
      const decision = payload.decision as 'approve' | 'reject' | 'return';
      const reasonCode = (REJECTION_REASONS as readonly string[]).includes(String(payload.reasonCode))
        ? (payload.reasonCode as (typeof REJECTION_REASONS)[number])
        : undefined;
      const notes = [payload.notes, payload.text].find((v): v is string => typeof v === 'string' && v.trim() !== '');
      return {
        type: 'application.decide',
        recordId: row.subject_id,
        baseVersion: s.version.get(row.subject_id)?.version ?? 0,
        blobs: [],
        actor: staffOf(String(payload.decidedBy ?? '')),
        at: typeof payload.at === 'string' ? payload.at : row.created_at,
        payload: { decision, ...(reasonCode ? { reasonCode } : {}), ...(notes ? { notes: notes.slice(0, 2000) } : {}) },
      };
    }
    if (row.topic === ENABLEMENT_TOPIC) {
      // Issue 16: the payload is already the op's (services/security-code, EnablementOpPayloadSchema).
      const p = payload as { clerk?: unknown; at?: unknown };
      return {
        type: 'eid.enable',
        recordId: row.subject_id,
        baseVersion: 0,
        blobs: [],
        actor: staffOf(String(p.clerk ?? '')),
        at: typeof p.at === 'string' ? p.at : row.created_at,
        payload: payload as Extract<PushOpInput, { type: 'eid.enable' }>['payload'],
      };
    }
    return null;
  };

  return {
    /**
     * Freeze up to `limit` new outbox rows into ops, in outbox order; returns how many rows were
     * handled. One transaction on the core's thread: callers keep `limit` small and yield between.
     */
    freeze: db.transaction((limit = 200): number => {
      let through = Number(getState('outbox.frozenThrough') ?? 0);
      let handled = 0;
      let seq = s.maxSeq.get()?.m ?? 0;
      for (const row of s.outbox.all(through, limit)) {
        const op = opFor(row);
        if (op === 'wait') break;
        if (op === null) s.outboxSent.run(now(), row.seq, row.seq);
        else freezeOne(row, ++seq, op);
        through = row.seq;
        handled++;
      }
      s.setState.run('outbox.frozenThrough', String(through));
      return handled;
    }),
    /**
     * Outbox rows not frozen yet that will become ops (the rows opFor turns into one: a
     * submission, a decision, an enablement): with the pending ops, what the status bar says is
     * waiting to be sent. After an outage most of a long queue is still here, not yet frozen.
     */
    unfrozenOpCount: () => s.unfrozenOps.get(Number(getState('outbox.frozenThrough') ?? 0), ENABLEMENT_TOPIC)?.n ?? 0,
    /** The first `limit` of those rows, as what they will be sent as (the details panel lists them after the pending ops). */
    unfrozenOps: (limit: number): UnfrozenOp[] =>
      s.unfrozenOpRows.all(Number(getState('outbox.frozenThrough') ?? 0), ENABLEMENT_TOPIC, limit).map((r) => {
        const kind: UnfrozenOp['kind'] =
          r.topic === 'application.decided'
            ? 'application.decide'
            : r.topic === ENABLEMENT_TOPIC
              ? 'eid.enable'
              : (s.submitted.get(r.subject_id)?.n ?? 0) > 0
                ? 'application.resubmit'
                : 'application.submit';
        const bytes = kind === 'application.submit' || kind === 'application.resubmit' ? (s.scanBytesOf.get(r.subject_id)?.bytes ?? 0) : 0;
        return { kind, recordId: r.subject_id, createdAt: r.created_at, bytes };
      }),
    /** The outbox position frozen through (rows after it are not ops yet). */
    frozenThrough: () => Number(getState('outbox.frozenThrough') ?? 0),
    /** Rows still in the outbox that have not become ops yet (waiting for an earlier answer). */
    unfrozenCount: () =>
      db
        .prepare<[number], { n: number }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND seq > ?')
        .get(Number(getState('outbox.frozenThrough') ?? 0))?.n ?? 0,
    pending: (limit: number) => s.pending.all(limit).map(toOp),
    pendingCount: () => s.pendingCount.get()?.n ?? 0,
    get: (seq: number) => {
      const r = s.bySeq.get(seq);
      return r ? toOp(r) : undefined;
    },
    list: (state: OpState, limit = 200) => s.byState.all(state, limit).map(toOp),
    /** Ops and their scan bytes by state (acked: the count only, bytes 0). */
    counts: () => {
      const out: Record<OpState, { n: number; bytes: number }> = {
        pending: { n: 0, bytes: 0 },
        acked: { n: 0, bytes: 0 },
        parked: { n: 0, bytes: 0 },
        conflict: { n: 0, bytes: 0 },
      };
      for (const r of s.counts.all()) out[r.state] = { n: r.n, bytes: r.bytes ?? 0 };
      return out;
    },
    attempted: (seq: number) => s.attempt.run(seq),
    /** A final outcome: the op leaves the queue, its outbox row is handled, and the server's version is remembered. */
    settle: db.transaction((seq: number, state: Exclude<OpState, 'pending'>, reason: string | null, detail: string | null, version?: number) => {
      const r = s.bySeq.get(seq);
      if (!r || r.state !== 'pending') return;
      s.settle.run(state, reason, detail, now(), seq);
      s.outboxSent.run(now(), r.outbox_from, r.outbox_to);
      // The enablement's state moves with its op, in this transaction (the screens read it there).
      if (r.kind === 'eid.enable') recordEnablementAnswer(store, now(), r.record_id, answerOfSettlement(state, reason));
      else if (version !== undefined) s.setVersion.run(r.record_id, version, now());
    }),
    /** The server lost ops it had acknowledged (restored from backup): send them again from `seq`. */
    reopenFrom: (seq: number) => s.reopenFrom.run(seq).changes,
    state: getState,
    setState: (k: string, v: string) => s.setState.run(k, v),
  };
}
export type OpLog = ReturnType<typeof createOpLog>;
