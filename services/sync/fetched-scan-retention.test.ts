import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../api/sync';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import type { Store } from '../store';
import { openTestStore, tempStoreDir } from '../store/test-support';
import { sha256Hex } from './http-link';
import { createPullApplier } from './pull-apply';
import { createScanCache, FETCHED_SCANS_DIR } from './scan-cache';
import { scanOf } from './test-support/workstation';

// Issue 15: scans a supervisor's workstation fetched for another workstation's application are
// copies of what the server holds. They stay while the application waits for a decision here,
// go the retention days after its decision, at once when it is no longer pulled here, and a
// file no row names (a crash between the two writes) is swept at start.

const DAY = 86_400_000;
const decidedAt = '2026-11-23T10:00:00.000Z';

describe('fetched scans under retention', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  const clock = () => new Date('2026-11-23T09:00:00.000Z');
  beforeEach(() => {
    t = tempStoreDir();
    store = openTestStore(t.dir, t.key, { clock, workstationId: 'W1' });
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });
  const dir = () => join(dirname(store.path), FETCHED_SCANS_DIR);

  const application = (sha: string, o: { status?: 'pending_approval' | 'approved' | 'returned'; servicePoint?: string } = {}) => {
    const status = o.status ?? 'pending_approval';
    const sp = o.servicePoint ?? 'SP01';
    const history = [{ status: 'pending_approval' as const, actor: 'C1', at: '2026-11-23T08:00:00.000Z', workstationId: `${sp}-W2` }];
    if (status !== 'pending_approval') {
      history.push({ status, actor: 'S9', at: decidedAt, workstationId: `${sp}-W3`, ...{ decision: status === 'approved' ? 'approve' : 'return' } } as never);
    }
    return {
      recordId: randomUUID(),
      applicationNumber: `${sp}-W2-20261123-0001-K`,
      servicePoint: sp,
      workstationId: `${sp}-W2`,
      kind: 'first_application' as const,
      status,
      version: history.length,
      application: sampleFirstApplication(),
      createdBy: 'C1',
      editors: [],
      history,
      blobs: [sha],
    };
  };
  const pull = (...changes: Change[]) =>
    createPullApplier(store, clock).apply({ changes, cursor: 'c', hasMore: false, epoch: randomUUID(), serverTime: clock().toISOString() });
  const upsert = (a: ReturnType<typeof application>): Change => ({ kind: 'application', id: a.recordId, deleted: false, data: a as never });
  const fetched = (salt: string) => {
    const bytes = scanOf(600, salt);
    const sha = sha256Hex(bytes);
    createScanCache(store).put(sha, bytes);
    return sha;
  };

  it('kept while waiting for a decision here; gone the retention days after the decision, and audited', () => {
    const cache = createScanCache(store);
    const sha = fetched('a');
    const a = application(sha);
    pull(upsert(a));
    expect(cache.purgeExpired('SP01', new Date(Date.parse(decidedAt) + 400 * DAY))).toEqual({ files: 0 });
    expect(cache.get(sha)).toBeDefined();

    pull(upsert({ ...application(sha, { status: 'approved' }), recordId: a.recordId }));
    expect(store.settings.get('retention.scanDays')).toBe(30);
    expect(cache.purgeExpired('SP01', new Date(Date.parse(decidedAt) + 29 * DAY))).toEqual({ files: 0 });
    expect(cache.read(sha).length).toBeGreaterThan(0);
    expect(cache.purgeExpired('SP01', new Date(Date.parse(decidedAt) + 31 * DAY))).toEqual({ files: 1 });
    expect(cache.get(sha)).toBeUndefined();
    expect(readdirSync(dir())).toEqual([]);
    expect(store.audit.recent(1)[0]).toMatchObject({ actor: 'retention', action: 'purge', details: { fetchedScans: 1, scanDays: 30 } });
  });

  it('gone at once when no application of this service point holds it any more; kept while any still waits', () => {
    const cache = createScanCache(store);
    const shared = fetched('shared');
    const lone = fetched('lone');
    const waiting = application(shared);
    const withdrawn = application(lone);
    const returned = application(shared, { status: 'returned' });
    pull(upsert(waiting), upsert(withdrawn), upsert(returned));
    pull({ kind: 'application', id: withdrawn.recordId, deleted: true, data: null });
    const now = new Date(Date.parse(decidedAt) + DAY);
    expect(cache.purgeExpired('SP01', now)).toEqual({ files: 1 });
    expect(cache.get(lone)).toBeUndefined();
    expect(cache.get(shared)).toBeDefined();
    // Another service point's application does not keep this one's copy.
    expect(cache.purgeExpired('SP02', now)).toEqual({ files: 1 });
    expect(cache.get(shared)).toBeUndefined();
  });

  it('a download in progress goes once its application is no longer waiting here', () => {
    const cache = createScanCache(store);
    const bytes = scanOf(600, 'partial');
    const sha = sha256Hex(bytes);
    const a = application(sha);
    pull(upsert(a));
    cache.appendPiece(sha, 0, bytes.length, bytes.subarray(0, 200));
    expect(cache.purgeExpired('SP01', clock())).toEqual({ files: 0 });
    expect(cache.partial(sha)).toEqual({ size: bytes.length, received: 200 });
    pull(upsert({ ...application(sha, { status: 'approved' }), recordId: a.recordId }));
    expect(cache.purgeExpired('SP01', clock())).toEqual({ files: 1 });
    expect(cache.partial(sha)).toBeUndefined();
    expect(readdirSync(dir())).toEqual([]);
  });

  it('at start, files no row names and rows without their file are swept; the rest stays readable', () => {
    const cache = createScanCache(store);
    const kept = fetched('kept');
    const [keptFile] = readdirSync(dir());
    const lost = fetched('lost');
    const lostFile = readdirSync(dir()).find((f) => f !== keptFile) ?? '';
    pull(upsert(application(kept)), upsert(application(lost)));
    // A crash between keeping a download whole and clearing its pieces away.
    cache.appendPiece(kept, 0, 600, scanOf(600, 'kept').subarray(0, 100));
    writeFileSync(join(dir(), 'f00d.0badc0de.tmp'), 'torn');
    writeFileSync(join(dir(), 'a'.repeat(64)), 'no row names me');
    // The file of `lost` vanished (a crash before its row was written, a restored backup): its row goes, so it is fetched again.
    rmSync(join(dir(), lostFile));
    expect(cache.sweepOrphans()).toBe(2);
    expect(readdirSync(dir())).toEqual([keptFile]);
    expect(cache.get(lost)).toBeUndefined();
    expect(cache.partial(kept)).toBeUndefined();
    expect(cache.read(kept).equals(scanOf(600, 'kept'))).toBe(true);
  });
});
