import type { Fragment, TransactionSql } from 'postgres';
import type { Application } from '../../domain/model/application';
import { assess, entityIdentity } from '../../domain/rules';
import { checkTransition, type Role } from '../../domain/workflow';
import type { Refusal } from '../../api/sync/common';
import type { FinalOutcome, PushOp } from '../../api/sync/push';
import type { FeedRow } from './feed';
import { applicationChange, currentRecord, lockApplication, referencedBlobs, searchText, type ApplicationRow, type HistoryEntry } from './application-records';
import { assessmentContextFor } from './assessment-context';
import { judgeEnablement } from './enablement-ops';
import { identityKeys } from './identity-keys';
import { macauDay } from './macau-day';

// One op, judged by the server's own rules (it trusts no workstation): the actor, the service
// point, FAQ 8 across all counters, the FAQ rules, the state machine and four eyes.

export interface OpContext {
  workstationId: string;
  servicePoint: string;
  now: Date;
  /**
   * Hand an accepted submit's inserts back as `writes` for the caller's one final statement
   * instead of writing them in a savepoint now. A unique violation there (a race lost to
   * another node) fails the whole transaction; the caller then judges the op again without this.
   */
  optimistic?: boolean;
}

/**
 * What judging an op led to: a final outcome with its feed rows (and, optimistically, the CTE
 * parts `name AS (…),` that write it), or scans to upload first.
 */
export type Judgement = { kind: 'final'; outcome: FinalOutcome; feed: FeedRow[]; writes?: Fragment[] } | { kind: 'needs_blobs'; missing: string[] };

type Outcome =
  { status: 'applied'; version: number } | { status: 'rejected'; reason: Refusal } | { status: 'conflict'; current: ReturnType<typeof currentRecord> | null };

const refuse = (code: string, params?: Refusal['params']): Outcome => ({
  status: 'rejected',
  reason: { code, messageKey: `sync.rejected.${code}`, ...(params ? { params } : {}) },
});

export interface Actor {
  staff_number: string;
  roles: Role[];
  service_points: string[];
  active: boolean;
}

function final(op: PushOp, o: Outcome, feed: FeedRow[] = [], writes?: Fragment[]): Judgement {
  const base = { opId: op.opId, clientSeq: op.clientSeq };
  return { kind: 'final', outcome: { ...base, ...o } as FinalOutcome, feed, ...(writes ? { writes } : {}) };
}

/** Ops are dated by the workstation; never later than the server's clock. */
function opDay(op: PushOp, now: Date): string {
  const at = new Date(op.at);
  return macauDay(Number.isNaN(at.getTime()) || at > now ? now : at);
}

async function missingBlobs(tx: TransactionSql, wanted: string[]): Promise<string[]> {
  if (wanted.length === 0) return [];
  const have = new Set((await tx<{ sha256: string }[]>`SELECT sha256 FROM blobs WHERE sha256 = ANY(${wanted}::text[])`).map((r) => r.sha256));
  return wanted.filter((w) => !have.has(w));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

/** The FAQ rules on the server's data; FAQ 8 refusals name the existing application or account. */
async function rulesRefusal(tx: TransactionSql, app: Application, recordId: string, today: string): Promise<Outcome | undefined> {
  const ctx = await assessmentContextFor(tx, app, { recordId, today });
  const a = assess(app, ctx);
  if (a.blockingCount === 0) return undefined;
  const blocking = a.requirements.filter((r) => r.status === 'missing' && r.blocking);
  const account = blocking.find((r) => r.id === 'entity.no-existing-account');
  if (account) return refuse('faq8_existing_account', { entityNumber: String(account.message.params?.['entityNumber'] ?? '') });
  const pending = blocking.find((r) => r.id === 'entity.no-pending-application');
  if (pending) return refuse('faq8_duplicate', { applicationNumber: String(pending.message.params?.['applicationId'] ?? '') });
  return refuse('rules_blocking', {
    requirements: blocking
      .map((r) => r.id)
      .join(',')
      .slice(0, 500),
  });
}

/**
 * Claim the entity's strong keys for a first application. The partial unique index refuses a
 * second active claim whichever node or transaction races; the loser waits for the winner's
 * commit, then gets a unique violation, named here with the winner's application number.
 */
async function claimEntity(tx: TransactionSql, row: { record_id: string; application_number: string; form: Application }): Promise<Outcome | undefined> {
  if (row.form.kind !== 'first_application') return undefined;
  const k = identityKeys(entityIdentity(row.form));
  const keys = [...k.strong, ...k.names];
  if (keys.length === 0) return undefined;
  try {
    await tx.savepoint(async (sp) => {
      await sp`DELETE FROM entity_claims WHERE record_id = ${row.record_id}::uuid`;
      const values = keys.map((key) => ({ record_id: row.record_id, key, application_number: row.application_number }));
      await sp`INSERT INTO entity_claims ${sp(values, 'record_id', 'key', 'application_number')}`;
    });
    return undefined;
  } catch (e) {
    if ((e as { code?: string }).code !== '23505') throw e;
    const [holder] = await tx<{ application_number: string }[]>`
      SELECT application_number FROM entity_claims WHERE active AND key = ANY(${k.strong}::text[]) AND record_id <> ${row.record_id}::uuid LIMIT 1`;
    return refuse('faq8_duplicate', { applicationNumber: holder?.application_number ?? '' });
  }
}

function claimFeed(row: ApplicationRow, active: boolean): FeedRow[] {
  if (row.kind !== 'first_application') return [];
  const identity = entityIdentity(row.form);
  return [
    {
      scope: '*',
      kind: 'entity_claim',
      id: row.record_id,
      deleted: !active,
      data: active ? { recordId: row.record_id, applicationNumber: row.application_number, status: row.status, identity } : null,
    },
  ];
}

const canTakeIn = (roles: readonly Role[]) => roles.includes('clerk') || roles.includes('supervisor');

type SubmitOp = Extract<PushOp, { type: 'application.submit' }>;

/** What judging a submit reads: missing scans, whether the record exists, the FAQ rules' verdict. */
interface SubmitReads {
  missing: string[];
  exists: boolean;
  rules: Outcome | undefined;
}

function submitReads(tx: TransactionSql, op: SubmitOp, referenced: string[], c: OpContext): Promise<SubmitReads> {
  // Independent reads, pipelined on the transaction's connection (fewer round trips per push).
  return Promise.all([
    missingBlobs(tx, referenced),
    tx`SELECT 1 FROM applications WHERE record_id = ${op.recordId}::uuid OR application_number = ${op.payload.applicationNumber}`,
    rulesRefusal(tx, op.payload.application, op.recordId, opDay(op, c.now)),
  ]).then(([missing, exists, rules]) => ({ missing, exists: exists.length > 0, rules }));
}

/** Reads started before the op's judgement (see prefetchReads). */
export interface OpReads {
  submit?: Promise<SubmitReads>;
}

/**
 * Starts the reads judging this op will need without waiting for them, so they travel in the
 * same round trip as the workstation lock (postgres.js pipelines a transaction's queries; the
 * database runs them in order, after the lock is granted).
 */
export function prefetchReads(tx: TransactionSql, op: PushOp, c: OpContext): OpReads {
  if (op.type !== 'application.submit') return {};
  const referenced = referencedBlobs(op.payload.application);
  if (!sameSet(op.blobs, referenced)) return {};
  const submit = submitReads(tx, op, referenced, c);
  // Awaited by submit(); when the op is settled earlier (duplicate, gap) the transaction ends anyway.
  submit.catch(() => undefined);
  return { submit };
}

async function submit(tx: TransactionSql, op: SubmitOp, actor: Actor, c: OpContext, prefetched?: Promise<SubmitReads>): Promise<Judgement> {
  const p = op.payload;
  const referenced = referencedBlobs(p.application);
  if (!sameSet(op.blobs, referenced)) return final(op, refuse('blobs_mismatch'));
  const { missing, exists, rules } = await (prefetched ?? submitReads(tx, op, referenced, c));
  if (missing.length) return { kind: 'needs_blobs', missing };
  if (!canTakeIn(actor.roles)) return final(op, refuse('wrong_role'));
  if (!p.applicationNumber.startsWith(`${c.workstationId}-`)) return final(op, refuse('out_of_scope'));
  if (op.baseVersion !== 0) return final(op, { status: 'conflict', current: null });
  if (exists) return final(op, refuse('record_exists'));
  if (rules) return final(op, rules);
  const history: HistoryEntry[] = [{ status: 'pending_approval', actor: op.actor, at: c.now.toISOString(), workstationId: c.workstationId }];
  const row: ApplicationRow = {
    record_id: op.recordId,
    application_number: p.applicationNumber,
    service_point: c.servicePoint,
    workstation_id: c.workstationId,
    kind: p.application.kind,
    status: 'pending_approval',
    version: 1,
    form: p.application,
    created_by: p.createdBy,
    editors: [...new Set(p.editors)],
    history,
    blobs: referenced,
  };
  const k = identityKeys(entityIdentity(row.form));
  const claims = row.kind === 'first_application' ? [...k.strong, ...k.names] : [];
  const claimRows = claims.map((key) => ({ record_id: row.record_id, key, application_number: row.application_number }));
  const feed: FeedRow[] = [{ scope: row.service_point, kind: 'application', id: row.record_id, data: applicationChange(row) }, ...claimFeed(row, true)];
  const insertApplication = (q: TransactionSql) =>
    q`INSERT INTO applications (record_id, application_number, service_point, workstation_id, kind, status, version, form, created_by, editors, history, blobs, search_text, updated_at)
        VALUES (${row.record_id}::uuid, ${row.application_number}, ${row.service_point}, ${row.workstation_id}, ${row.kind}, ${row.status}, 1, ${row.form as never},
          ${row.created_by}, ${row.editors}, ${row.history as never}, ${row.blobs}, ${searchText(row.application_number, row.form)}, ${c.now})`;
  if (c.optimistic) {
    // One statement with the op's record (push-service); a lost race fails it and the op is judged again below.
    const writes = [tx`submitted AS (${insertApplication(tx)}),`];
    if (claimRows.length > 0) writes.push(tx`claimed AS (INSERT INTO entity_claims ${tx(claimRows, 'record_id', 'key', 'application_number')}),`);
    return final(op, { status: 'applied', version: 1 }, feed, writes);
  }
  // The application and its FAQ 8 claims in one savepoint, pipelined (one round trip). A unique
  // violation says which race was lost: a claim (another first application of the entity
  // committed meanwhile, on any node) or the record id / application number.
  const inserted = await tx
    .savepoint((sp) => [
      insertApplication(sp),
      ...(claimRows.length > 0 ? [sp`INSERT INTO entity_claims ${sp(claimRows, 'record_id', 'key', 'application_number')}`] : []),
    ])
    .then(
      () => undefined,
      async (e: { code?: string; constraint_name?: string }) => {
        if (e.code !== '23505') throw e;
        if (e.constraint_name !== 'entity_claims_one_active') return refuse('record_exists');
        const [holder] = await tx<{ application_number: string }[]>`
          SELECT application_number FROM entity_claims WHERE active AND key = ANY(${k.strong}::text[]) AND record_id <> ${row.record_id}::uuid LIMIT 1`;
        return refuse('faq8_duplicate', { applicationNumber: holder?.application_number ?? '' });
      },
    );
  if (inserted) return final(op, inserted);
  return final(op, { status: 'applied', version: 1 }, feed);
}

async function resubmit(tx: TransactionSql, op: Extract<PushOp, { type: 'application.resubmit' }>, actor: Actor, c: OpContext): Promise<Judgement> {
  const row = await lockApplication(tx, op.recordId);
  if (!row) return final(op, refuse('unknown_record'));
  if (row.service_point !== c.servicePoint) return final(op, refuse('out_of_scope'));
  const referenced = referencedBlobs(op.payload.application);
  if (!sameSet(op.blobs, referenced)) return final(op, refuse('blobs_mismatch'));
  const missing = await missingBlobs(tx, referenced);
  if (missing.length) return { kind: 'needs_blobs', missing };
  if (row.status !== 'returned' || row.version !== op.baseVersion) return final(op, { status: 'conflict', current: currentRecord(row) });
  const check = checkTransition({ action: 'resubmit', from: row.status, actor: op.actor, roles: actor.roles, actors: actorsOf(row) });
  if (!check.ok) return final(op, refuse(check.code));
  if (op.payload.application.kind !== row.kind) return final(op, refuse('rules_blocking', { requirements: 'kind' }));
  const rules = await rulesRefusal(tx, op.payload.application, row.record_id, opDay(op, c.now));
  if (rules) return final(op, rules);
  const next: ApplicationRow = {
    ...row,
    form: op.payload.application,
    status: 'pending_approval',
    version: row.version + 1,
    editors: [...new Set([...row.editors, ...op.payload.editors, op.actor])],
    history: [...row.history, { status: 'pending_approval', actor: op.actor, at: c.now.toISOString(), workstationId: c.workstationId }],
    blobs: referenced,
  };
  const claim = await claimEntity(tx, next);
  if (claim) return final(op, claim);
  await tx`UPDATE applications SET form = ${next.form as never}, status = ${next.status}, version = ${next.version}, editors = ${next.editors},
    history = ${next.history as never}, blobs = ${next.blobs}, search_text = ${searchText(next.application_number, next.form)}, updated_at = ${c.now}
    WHERE record_id = ${row.record_id}::uuid`;
  return final(op, { status: 'applied', version: next.version }, [
    { scope: next.service_point, kind: 'application', id: next.record_id, data: applicationChange(next) },
    ...claimFeed(next, true),
  ]);
}

function actorsOf(row: ApplicationRow) {
  return { createdBy: row.created_by, editors: row.editors, statusHistory: row.history.map((h) => ({ status: h.status, actor: h.actor })) };
}

async function decide(tx: TransactionSql, op: Extract<PushOp, { type: 'application.decide' }>, actor: Actor, c: OpContext): Promise<Judgement> {
  const row = await lockApplication(tx, op.recordId);
  if (!row) return final(op, refuse('unknown_record'));
  // A supervisor decides only their service point's applications, from one of its workstations.
  if (row.service_point !== c.servicePoint || !actor.service_points.includes(row.service_point)) return final(op, refuse('out_of_scope'));
  if (!actor.roles.includes('supervisor')) return final(op, refuse('wrong_role'));
  // The state machine, never last-write-wins on client clocks.
  if (row.status !== 'pending_approval' || row.version !== op.baseVersion) return final(op, { status: 'conflict', current: currentRecord(row) });
  const d = op.payload;
  const check = checkTransition({
    action: d.decision,
    from: row.status,
    actor: op.actor,
    roles: actor.roles,
    actors: actorsOf(row),
    reasonCode: d.reasonCode,
    notes: d.notes,
  });
  if (!check.ok) return final(op, refuse(check.code === 'wrong_state' ? 'out_of_scope' : check.code));
  const entry: HistoryEntry = {
    status: check.to,
    actor: op.actor,
    at: c.now.toISOString(),
    workstationId: c.workstationId,
    decision: d.decision,
    ...(d.reasonCode ? { reasonCode: d.reasonCode } : {}),
    ...(d.notes ? { notes: d.notes } : {}),
  };
  const next: ApplicationRow = { ...row, status: check.to, version: row.version + 1, history: [...row.history, entry] };
  await tx`INSERT INTO decisions (record_id, from_version, decision, decided_by, workstation_id, reason_code, notes, decided_at)
    VALUES (${row.record_id}::uuid, ${row.version}, ${d.decision}, ${op.actor}, ${c.workstationId}, ${d.reasonCode ?? null}, ${d.notes ?? null}, ${c.now})`;
  await tx`UPDATE applications SET status = ${next.status}, version = ${next.version}, history = ${next.history as never}, updated_at = ${c.now} WHERE record_id = ${row.record_id}::uuid`;
  // A rejected application frees the entity for a new first application (FAQ 8 counts pending and approved ones).
  const claimActive = next.status !== 'rejected';
  if (!claimActive) await tx`UPDATE entity_claims SET active = false WHERE record_id = ${row.record_id}::uuid`;
  return final(op, { status: 'applied', version: next.version }, [
    { scope: next.service_point, kind: 'application', id: next.record_id, data: applicationChange(next) },
    ...claimFeed(next, claimActive),
  ]);
}

/** `actor` is the op's actor's users row (read by the caller with the workstation lock). */
export async function judgeOp(
  tx: TransactionSql,
  op: PushOp,
  actualPayloadSha256: string,
  c: OpContext,
  actor: Actor | undefined,
  reads: OpReads = {},
): Promise<Judgement> {
  if (actualPayloadSha256 !== op.payloadSha256) return final(op, refuse('payload_hash_mismatch'));
  if (!actor) return final(op, refuse('unknown_actor'));
  if (!actor.active) return final(op, refuse('inactive_actor'));
  if (!actor.service_points.includes(c.servicePoint)) return final(op, refuse('out_of_scope'));
  switch (op.type) {
    case 'application.submit':
      return submit(tx, op, actor, c, reads.submit);
    case 'application.resubmit':
      return resubmit(tx, op, actor, c);
    case 'application.decide':
      return decide(tx, op, actor, c);
    case 'eid.enable': {
      // Issue 16: a clerk or supervisor enabled an e-ID tool at the counter; re-checked in enablement-ops.
      if (!canTakeIn(actor.roles)) return final(op, refuse('wrong_role'));
      if (op.baseVersion !== 0 || op.blobs.length > 0) return final(op, refuse('blobs_mismatch'));
      const j = await judgeEnablement(tx, op, { workstationId: c.workstationId, now: c.now });
      return final(op, j.outcome, j.feed);
    }
  }
}
