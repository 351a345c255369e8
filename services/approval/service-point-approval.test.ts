import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../api/sync';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { authFixture, type AuthFixture } from '../auth/test-support';
import { Refusal } from '../core/refusal';
import { scanFixtures } from '../store/attachments/fixtures';
import { sha256Hex } from '../sync/http-link';
import { createOpLog } from '../sync/op-log';
import { createPullApplier } from '../sync/pull-apply';
import { createScanCache, FETCHED_SCANS_DIR } from '../sync/scan-cache';
import { createScanFetcher, type ScanSource } from '../sync/scan-fetch';
import { createApprovalService } from './approval-service';
import { createScanDownload } from './scan-download';
import { withServicePointQueue } from './service-point-approval';

// A supervisor on workstation B of a service point works through applications taken in at
// workstation A, as pulled from the server: queue, review with scans fetched on demand, decision
// as an op the server re-checks.

const png = scanFixtures.png;
const pngSha = sha256Hex(png);

function pulledApplication(o: { servicePoint?: string; createdBy?: string; editors?: string[]; n?: number } = {}) {
  const app = sampleFirstApplication();
  for (const d of Object.values(app.documents)) d.attachments = [pngSha];
  app.entity.names = { zh: `遠端貿易${o.n ?? 1}有限公司`, pt: `Comércio Remoto ${o.n ?? 1}` };
  const sp = o.servicePoint ?? 'SP01';
  return {
    recordId: randomUUID(),
    applicationNumber: `${sp}-W2-20261123-000${o.n ?? 1}-K`,
    servicePoint: sp,
    workstationId: `${sp}-W2`,
    kind: 'first_application' as const,
    status: 'pending_approval' as const,
    version: 1,
    application: app,
    createdBy: o.createdBy ?? 'C1',
    editors: o.editors ?? [],
    history: [{ status: 'pending_approval' as const, actor: o.createdBy ?? 'C1', at: '2026-11-23T08:00:00.000Z', workstationId: `${sp}-W2` }],
    blobs: [pngSha],
  };
}

/** A server that hands out the PNG in pieces (or, `forged`, other bytes of the same length). */
function source(o: { forged?: boolean } = {}): ScanSource & { calls: string[] } {
  const calls: string[] = [];
  const bytes = o.forged ? Buffer.alloc(png.length, 7) : png;
  return {
    calls,
    enrolled: () => true,
    async get(target) {
      calls.push(target);
      const u = new URL(target, 'http://x');
      const offset = Number(u.searchParams.get('offset'));
      const length = Number(u.searchParams.get('length'));
      return { status: 200, headers: { 'counterdesk-blob-size': String(bytes.length) }, body: bytes.subarray(offset, offset + length) };
    },
  };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

const refusedCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof Refusal ? e.code : e;
  }
  return 'allowed';
};

describe('the service point’s queue on another workstation', () => {
  let f: AuthFixture;
  beforeEach(async () => {
    f = await authFixture('SP01');
    await f.addUser('S1', ['supervisor']);
    await f.addUser('S3', ['clerk', 'supervisor']);
  });
  afterEach(() => f.cleanup());

  const pull = (...apps: ReturnType<typeof pulledApplication>[]) =>
    createPullApplier(f.store, f.clock).apply({
      changes: apps.map((a) => ({ kind: 'application', id: a.recordId, deleted: false, data: a }) as Change),
      cursor: 'c1',
      hasMore: false,
      epoch: randomUUID(),
      serverTime: f.clock().toISOString(),
    });

  const build = (src: ScanSource | null = source()) => {
    const scans = createScanCache(f.store);
    const approval = withServicePointQueue(createApprovalService({ store: f.store, auth: f.auth, servicePoint: 'SP01', clock: f.clock }), {
      store: f.store,
      auth: f.auth,
      servicePoint: 'SP01',
      clock: f.clock,
      scans,
    });
    const fetcher = src ? createScanFetcher({ cache: scans, source: src, pieceBytes: 100 }) : null;
    return { approval, download: createScanDownload({ store: f.store, auth: f.auth, servicePoint: 'SP01', fetcher }) };
  };

  it('lists, opens with scans fetched in pieces and kept encrypted, and decides as an op for the server', async () => {
    const ours = pulledApplication({ n: 1 });
    const elsewhere = pulledApplication({ n: 2, servicePoint: 'SP02' });
    pull(ours, elsewhere);
    const src = source();
    const { approval, download } = build(src);
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });

    expect(approval.queue().map((q) => [q.applicationNumber, q.entityNames[0], q.submittedBy, q.handledByMe])).toEqual([
      [ours.applicationNumber, '遠端貿易1有限公司', 'staff:C1', false],
    ]);
    expect(refusedCode(() => approval.open(elsewhere.recordId))).toBe('not_found');

    const before = approval.open(ours.recordId);
    expect(before.scans).toEqual([]);
    expect(before.allowedDecisions).toEqual(['approve', 'reject', 'return']);
    expect(before.createdBy).toBe('staff:C1');

    expect(download.progress(ours.recordId)).toMatchObject({ state: 'fetching', scans: 1, fetched: 0 });
    await until(() => download.progress(ours.recordId).state === 'done');
    expect(download.progress(ours.recordId)).toMatchObject({ state: 'done', scans: 1, fetched: 1 });
    expect(src.calls.length).toBe(Math.ceil(png.length / 100));

    const after = approval.open(ours.recordId);
    expect(after.scans.map((s) => [s.id, s.pages[0]?.mime])).toContainEqual([pngSha, 'image/png']);
    expect(Buffer.from(approval.scanPage(pngSha, 0).dataBase64, 'base64').equals(png)).toBe(true);
    // On disk only encrypted: no file holds the PNG's bytes.
    const dir = join(dirname(f.store.path), FETCHED_SCANS_DIR);
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name)).includes(png.subarray(0, 32))).toBe(false);

    expect(approval.decide(ours.recordId, { decision: 'approve' })).toMatchObject({ status: 'approved', decidedBy: 'staff:S1' });
    expect(approval.queue()).toEqual([]);
    const ops = createOpLog(f.store, f.clock);
    ops.freeze();
    expect(ops.pending(10).map((o) => [o.op.type, o.op.recordId, o.op.baseVersion, o.op.actor, o.op.payload])).toEqual([
      ['application.decide', ours.recordId, 1, 'S1', { decision: 'approve' }],
    ]);
    // Decided here and on its way: not again.
    expect(refusedCode(() => approval.decide(ours.recordId, { decision: 'reject', reasonCode: 'documents_missing' }))).toBe('wrong_state');
  });

  it('keeps four eyes: a supervisor who took it in or edited it may not decide it', async () => {
    const edited = pulledApplication({ n: 3, editors: ['S3'] });
    pull(edited);
    const { approval } = build();
    await f.auth.signIn({ staffNumber: 'S3', password: 'password-1' });
    expect(approval.queue()[0]).toMatchObject({ id: edited.recordId, handledByMe: true });
    expect(approval.open(edited.recordId).allowedDecisions).toEqual([]);
    expect(refusedCode(() => approval.decide(edited.recordId, { decision: 'approve' }))).toBe('four_eyes');
  });

  it('decides only what the supervisor opened, and refuses clerks', async () => {
    const a = pulledApplication({ n: 4 });
    pull(a);
    const { approval, download } = build();
    await f.addUser('C2', ['clerk']);
    await f.auth.signIn({ staffNumber: 'C2', password: 'password-1' });
    expect(refusedCode(() => approval.queue())).toBe('wrong_role');
    expect(refusedCode(() => download.progress(a.recordId))).toBe('wrong_role');
    f.auth.signOut();
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    expect(refusedCode(() => approval.decide(a.recordId, { decision: 'approve' }))).toBe('not_reviewed');
  });

  it('never keeps a download that does not hash to its address', async () => {
    const a = pulledApplication({ n: 5 });
    pull(a);
    const { approval, download } = build(source({ forged: true }));
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    download.progress(a.recordId);
    await until(() => download.progress(a.recordId).state !== 'fetching');
    expect(download.progress(a.recordId)).toMatchObject({ state: 'failed', fetched: 0 });
    // Asked again, it starts over (the damaged bytes were thrown away) and fails the same way.
    expect(download.progress(a.recordId, { retry: true }).state).toBe('fetching');
    await until(() => download.progress(a.recordId).state !== 'fetching');
    expect(approval.open(a.recordId).scans).toEqual([]);
    expect(refusedCode(() => approval.scanPage(pngSha, 0))).toBe('not_found');
  });
});
