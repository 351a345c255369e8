import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerResponse } from '../../api/sync/ledger';
import type { PullResponse } from '../../api/sync/pull';
import type { PushResponse } from '../../api/sync/push';
import { ledgerStep } from '../sync/push-service';
import { applicationNumber, firstApplication, newRecordId, sampleScans, startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';

let server: TestServer;
let scans: Map<string, string>;
let w1: TestWorkstation;
let w2: TestWorkstation;
let n = 0;

beforeAll(async () => {
  server = await startTestServer();
  scans = await sampleScans(server);
  w1 = await server.workstation('SP01', 'W1');
  w2 = await server.workstation('SP01', 'W2');
}, 60_000);
afterAll(async () => server?.close());

function submitOp(ws: TestWorkstation, entity = ++n, actor = 'C1') {
  const app = firstApplication(entity, scans);
  const recordId = newRecordId();
  const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
  const op = ws.op(
    'application.submit',
    recordId,
    { applicationNumber: applicationNumber(ws, ++n), application: app, createdBy: actor, editors: [] },
    { actor, blobs },
  );
  return { op, recordId };
}

describe('push', () => {
  it('applies a submitted application, answers a lost-response retry identically and counts it in the ledger', async () => {
    const { op } = submitOp(w1);
    const key = crypto.randomUUID();
    const first = await w1.push([op], { idempotencyKey: key });
    expect(first.status).toBe(200);
    expect(first.serverSigned).toBe(true);
    const body = first.json<PushResponse>();
    expect(body.results[0]).toMatchObject({ status: 'applied', version: 1 });
    expect(body.ackedThrough).toBe(op.clientSeq);
    // The response was lost: the same request again gets the same bytes.
    const again = await w1.push([op], { idempotencyKey: key });
    expect(again.text).toBe(first.text);
    // A new request with the same op (say after a crash lost the key): duplicate with the original outcome.
    const dup = (await w1.push([op])).json<PushResponse>();
    expect(dup.results[0]).toMatchObject({ status: 'duplicate', original: { status: 'applied', version: 1 } });
    const ledger = (await w1.request('GET', '/v1/sync/ledger')).json<LedgerResponse>();
    expect(ledger).toMatchObject({ ackedThrough: op.clientSeq, count: op.clientSeq });
    expect(ledger.rollingHash).toBe(ledgerStep('0'.repeat(64), op.opId, op.clientSeq, op.payloadSha256));
  });

  it('refuses a reused op id with another payload as a whole, storing nothing', async () => {
    const { op } = submitOp(w1);
    await w1.push([op]);
    const changed = { ...op, payloadSha256: 'f'.repeat(64) };
    const res = await w1.push([changed]);
    expect(res.status).toBe(422);
    expect(res.json()).toEqual({ error: { code: 'op_payload_mismatch', messageKey: 'sync.error.op_payload_mismatch', params: { opId: op.opId } } });
  });

  it('FAQ 8 across workstations: a second first application for the same entity is rejected with the first one’s number', async () => {
    const entity = 9000;
    const a = submitOp(w1, entity);
    const b = submitOp(w2, entity);
    expect((await w1.push([a.op])).json<PushResponse>().results[0]?.status).toBe('applied');
    const second = (await w2.push([b.op])).json<PushResponse>().results[0];
    expect(second).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'faq8_duplicate',
        messageKey: 'sync.rejected.faq8_duplicate',
        params: { applicationNumber: (a.op.payload as { applicationNumber: string }).applicationNumber },
      },
    });
    // Rejected is final: the workstation moves on, the op is parked for a person.
    expect((await w2.push([])).json<PushResponse>().ackedThrough).toBe(b.op.clientSeq);
  });

  it('four eyes: the clerk who took it in cannot decide it, whatever workstation they use; another supervisor can, once', async () => {
    const { op, recordId } = submitOp(w1, ++n, 'S3');
    await w1.push([op]);
    const own = w2.op('application.decide', recordId, { decision: 'approve' }, { actor: 'S3', baseVersion: 1 });
    expect((await w2.push([own])).json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', reason: { code: 'four_eyes' } });
    const ok = w2.op('application.decide', recordId, { decision: 'approve' }, { actor: 'S1', baseVersion: 1 });
    expect((await w2.push([ok])).json<PushResponse>().results[0]).toMatchObject({ status: 'applied', version: 2 });
    // A second decision on what is no longer pending: conflict carrying the current state.
    const late = w1.op('application.decide', recordId, { decision: 'reject', reasonCode: 'other' }, { actor: 'S1', baseVersion: 1 });
    expect((await w1.push([late])).json<PushResponse>().results[0]).toMatchObject({
      status: 'conflict',
      current: { recordId, status: 'approved', version: 2, lastDecision: { decision: 'approve', by: 'S1' } },
    });
  });

  it('a supervisor of another service point cannot decide, and a clerk cannot decide at all', async () => {
    const { op, recordId } = submitOp(w1);
    await w1.push([op]);
    const clerk = w2.op('application.decide', recordId, { decision: 'approve' }, { actor: 'C2', baseVersion: 1 });
    expect((await w2.push([clerk])).json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', reason: { code: 'wrong_role' } });
    const other = await server.workstation('SP02', 'W1');
    const outsider = other.op('application.decide', recordId, { decision: 'approve' }, { actor: 'S2', baseVersion: 1 });
    expect((await other.push([outsider])).json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', reason: { code: 'out_of_scope' } });
  });

  it('an op whose scans are missing gets needs_blobs (not an error), later ops seq_gap; after the upload the same op applies', async () => {
    const extra = Buffer.from(`extra scan ${Math.random()}`);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(extra).digest('hex');
    const app = firstApplication(++n, scans);
    Object.values(app.documents)
      .find((d) => d.attachments.length > 0)!
      .attachments.push(sha);
    const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
    const op = w1.op(
      'application.submit',
      newRecordId(),
      { applicationNumber: applicationNumber(w1, ++n), application: app, createdBy: 'C1', editors: [] },
      { actor: 'C1', blobs },
    );
    const next = submitOp(w1).op;
    const res = (await w1.push([op, next])).json<PushResponse>();
    expect(res.results).toEqual([
      { opId: op.opId, clientSeq: op.clientSeq, status: 'needs_blobs', missing: [sha] },
      { opId: next.opId, clientSeq: next.clientSeq, status: 'seq_gap', expected: op.clientSeq },
    ]);
    expect(res.ackedThrough).toBe(op.clientSeq - 1);
    await server.storeBlob(extra);
    const after = (await w1.push([op, next])).json<PushResponse>();
    expect(after.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('pull delivers the service point’s applications and decisions in order, and nothing of another service point', async () => {
    const first = (await w2.request('GET', '/v1/sync/pull?limit=1000')).json<PullResponse>();
    expect(first.changes.some((c) => c.kind === 'application')).toBe(true);
    const { op, recordId } = submitOp(w1);
    await w1.push([op]);
    const next = (await w2.request('GET', `/v1/sync/pull?cursor=${first.cursor}&wait=5`)).json<PullResponse>();
    expect(next.changes.filter((c) => c.kind === 'application').map((c) => c.id)).toEqual([recordId]);
    const sp2 = await server.workstation('SP02', 'W9');
    const theirs = (await sp2.request('GET', '/v1/sync/pull?limit=1000')).json<PullResponse>();
    expect(theirs.changes.filter((c) => c.kind === 'application')).toEqual([]);
    expect(theirs.changes.filter((c) => c.kind === 'entity_claim').length).toBeGreaterThan(0);
  });
});
