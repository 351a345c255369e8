import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../api/sync';
import { authFixture, type AuthFixture } from '../auth/test-support';
import { createPullApplier, parsePage } from './pull-apply';

// Issue 15: a pulled page is applied a few changes per transaction, the core's thread free in
// between (the clerk's screen shares it). Stopped between two slices — the app closed, the power
// cut — the cursor has not moved, and the same page pulled again goes on where it stopped: the
// changes already applied are not applied (nor audited) twice, and none is skipped.

const EPOCH = '0190f1c2-0000-4000-8000-000000000001';
const user = (n: number) => ({
  kind: 'user' as const,
  id: `C${String(n).padStart(4, '0')}`,
  deleted: false,
  data: {
    staffNumber: `C${String(n).padStart(4, '0')}`,
    displayName: `伺服器 ${n}`,
    roles: ['clerk' as const],
    servicePoints: ['SP1'],
    passwordVerifier: null,
    active: true,
  },
});
const page = (from: number, count: number, cursor: string): PullResponse => ({
  changes: Array.from({ length: count }, (_, i) => user(from + i)),
  cursor,
  hasMore: false,
  epoch: EPOCH,
  serverTime: '2026-11-23T09:00:00.000Z',
});

describe('a pulled page applied in slices', () => {
  let f: AuthFixture;
  beforeEach(async () => {
    f = await authFixture('SP1');
  });
  afterEach(() => f.cleanup());

  const cursor = () => f.store.db.prepare<[], string>(`SELECT value FROM sync_state WHERE key = 'pull.cursor'`).pluck().get();
  const imports = () =>
    f.store.audit
      .recent(500)
      .filter((e) => e.action === 'user_import')
      .map((e) => (e.details as { staffNumber: string }).staffNumber);
  const users = () => f.store.db.prepare<[], string>(`SELECT staff_number FROM users WHERE staff_number LIKE 'C%' ORDER BY 1`).pluck().all();

  it('frees the thread between slices, moves the cursor only with the last one', async () => {
    const applier = createPullApplier(f.store, f.clock);
    const seen: { inTransaction: boolean; cursor: string | undefined; users: number }[] = [];
    const whole = await applier.applyPage(null, page(1, 25, 'c1'), {
      slice: 10,
      between: async () => void seen.push({ inTransaction: f.store.db.inTransaction, cursor: cursor(), users: users().length }),
      stopped: () => false,
    });
    expect(whole).toBe(true);
    expect(seen).toEqual([
      { inTransaction: false, cursor: undefined, users: 10 },
      { inTransaction: false, cursor: undefined, users: 20 },
    ]);
    expect(cursor()).toBe('c1');
    expect(users()).toHaveLength(25);
  });

  it('stopped between slices, the same page pulled again goes on where it stopped: nothing applied twice, nothing skipped', async () => {
    let slices = 0;
    const stopped = await createPullApplier(f.store, f.clock).applyPage('c0', page(1, 25, 'c1'), {
      slice: 10,
      between: async () => void slices++,
      stopped: () => slices >= 2,
    });
    expect(stopped).toBe(false);
    expect(cursor()).toBeUndefined();
    expect(users()).toHaveLength(20);
    // The core starts again: the same page comes back from the same cursor.
    const whole = await createPullApplier(f.store, f.clock).applyPage('c0', page(1, 25, 'c1'), { slice: 10, between: async () => {}, stopped: () => false });
    expect(whole).toBe(true);
    expect(cursor()).toBe('c1');
    expect(users()).toHaveLength(25);
    expect(imports().sort()).toEqual(users());
    // A later page starts from the top: no mark of the earlier one is left to skip by.
    await createPullApplier(f.store, f.clock).applyPage('c1', page(26, 3, 'c2'), { slice: 10, between: async () => {}, stopped: () => false });
    expect(users()).toHaveLength(28);
  });

  it('a different page from that cursor (the server was restored) is applied whole', async () => {
    let slices = 0;
    await createPullApplier(f.store, f.clock).applyPage('c0', page(1, 25, 'c1'), { slice: 10, between: async () => void slices++, stopped: () => slices >= 1 });
    expect(users()).toHaveLength(10);
    await createPullApplier(f.store, f.clock).applyPage('c0', page(1, 15, 'c1b'), { slice: 10, between: async () => {}, stopped: () => false });
    expect(cursor()).toBe('c1b');
    expect(users()).toHaveLength(15);
  });

  it('a page is checked a slice at a time, and one bad change refuses the whole page before anything is applied', async () => {
    let turns = 0;
    const good = await parsePage(JSON.parse(JSON.stringify(page(1, 25, 'c1'))), { slice: 10, between: async () => void turns++ });
    expect(turns).toBe(2);
    expect(good.changes).toHaveLength(25);
    const bad = JSON.parse(JSON.stringify(page(1, 25, 'c1'))) as { changes: { data: { roles: unknown } }[] };
    bad.changes[17]!.data.roles = ['root'];
    await expect(parsePage(bad, { slice: 10, between: async () => {} })).rejects.toThrow();
    const extra = { ...JSON.parse(JSON.stringify(page(1, 2, 'c1'))), unexpected: true };
    await expect(parsePage(extra, { slice: 10, between: async () => {} })).rejects.toThrow();
  });
});
