import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from './index';
import { tempStoreDir } from './test-support';
import { scanFixtures as f } from './attachments/fixtures';
import { parseBoundedInteger, RETENTION_LIMITS, startPeriodicPurge } from './retention';
import { createAppCore } from '../core/app-core';
import { markDurableFromLedger } from '../sync/ledger-durability';

const noTerms = { entityNames: [], registrationNumbers: [], idNumbers: [] };
const DAY = 86_400_000;

function countScanFiles(dir: string): number {
  const root = join(dir, 'scans');
  if (!existsSync(root)) return 0;
  return readdirSync(root)
    .filter((d) => !d.startsWith('.'))
    .reduce((n, d) => n + readdirSync(join(root, d)).length, 0);
}

describe('retention', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  let now: number;
  beforeEach(() => {
    t = tempStoreDir();
    now = Date.parse('2026-11-01T09:00:00Z');
    store = openStore({ dir: t.dir, key: t.key, workstationId: 'ws', clock: () => new Date(now) });
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });

  const newApp = (scan: Buffer) => {
    const id = store.applications.createDraft({ kind: 'first_application', data: {}, search: noTerms, actor: 'c' }).id;
    const a = store.attachments.put(scan, { applicationId: id, slot: 'x', actor: 'c' });
    return { id, att: a };
  };

  it('keeps scans until acknowledged, purges them N days after, keeping hashes and the audit trail', () => {
    const acked = newApp(f.png);
    const notAcked = newApp(f.jpeg);
    store.applications.markAcknowledged(acked.id);
    expect(store.retention.held().map((h) => [h.applicationId, h.files, h.ackedAt !== null])).toEqual([
      [acked.id, 1, true],
      [notAcked.id, 1, false],
    ]);
    expect(store.retention.held()[0]?.purgeDueAt).toBe(new Date(now + 30 * DAY).toISOString());

    now += 29 * DAY;
    expect(store.retention.purgeExpired()).toEqual({ files: 0, applications: 0, forms: 0 });
    now += 2 * DAY;
    expect(store.retention.purgeExpired()).toEqual({ files: 1, applications: 1, forms: 0 });
    expect(countScanFiles(t.dir)).toBe(1);
    const page = store.attachments.list(acked.id)[0]?.pages[0];
    expect(page).toMatchObject({ sha256: acked.att.pages[0]?.sha256, purged: true });
    expect(() => store.attachments.read(acked.att.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(store.audit.forSubject(acked.id).map((e) => e.action)).toEqual(['create', 'attach', 'acknowledged', 'purge']);
    expect(store.audit.verify().ok).toBe(true);
    expect(store.retention.held().map((h) => h.applicationId)).toEqual([notAcked.id]);
    expect(store.attachments.read(notAcked.att.id).equals(f.jpeg)).toBe(true);
  });

  it('honours the retention setting', () => {
    const a = newApp(f.tiff);
    store.settings.set('retention.scanDays', 7, 'admin');
    store.applications.markAcknowledged(a.id);
    now += 8 * DAY;
    expect(store.retention.purgeExpired().files).toBe(1);
  });

  it('a scan shared with an application not yet acknowledged is kept', () => {
    const a = newApp(f.pdf);
    const b = newApp(f.pdf);
    store.applications.markAcknowledged(a.id);
    now += 40 * DAY;
    expect(store.retention.purgeExpired().files).toBe(0);
    expect(store.attachments.read(b.att.id).equals(f.pdf)).toBe(true);
  });
});

describe('retention settings as an administrator types them', () => {
  it.each([
    ['30', { ok: true, value: 30 }],
    [' 7 ', { ok: true, value: 7 }],
    ['1', { ok: true, value: 1 }],
    ['3650', { ok: true, value: 3650 }],
    ['0', { ok: false }],
    ['3651', { ok: false }],
    ['-5', { ok: false }],
    ['2.5', { ok: false }],
    ['1e3', { ok: false }],
    ['30 days', { ok: false }],
    ['', { ok: false }],
    [undefined, { ok: false }],
  ])('days %j → %j', (text, expected) => {
    expect(parseBoundedInteger('Retention days', text, RETENTION_LIMITS.scanDays)).toMatchObject(expected);
  });

  it('says what is allowed when it refuses', () => {
    expect(parseBoundedInteger('Largest scan (MB)', '65', RETENTION_LIMITS.maxScanMb)).toEqual({
      ok: false,
      message: 'Largest scan (MB) must be from 1 to 64 (got 65).',
    });
  });
});

describe('periodic purge', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps running after a failed purge (logged), and stops when asked', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const log = vi.fn();
    let calls = 0;
    const p = startPeriodicPurge(
      () => {
        calls++;
        if (calls === 1) throw new Error('database is locked');
      },
      1000,
      log,
    );
    vi.advanceTimersByTime(2500);
    expect(calls).toBe(2);
    expect(log).toHaveBeenCalledTimes(1);
    p.stop();
    vi.advanceTimersByTime(5000);
    expect(calls).toBe(2);
  });

  it('the app core purges acknowledged scans past their date while it runs, not only at start, and stops on close', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const t = tempStoreDir();
    try {
      const core = createAppCore({ dataDir: t.dir, key: t.key, version: 'test', retentionIntervalMs: 60_000 });
      const id = core.store.applications.createDraft({ kind: 'first_application', data: {}, search: noTerms, actor: 'c' }).id;
      core.store.attachments.put(f.png, { applicationId: id, slot: 'x', actor: 'c' });
      core.store.applications.markAcknowledged(id);
      // Acknowledged 31 days ago, while this core was already running (the start-up purge is past).
      core.store.db.prepare('UPDATE applications SET acked_at = ? WHERE id = ?').run(new Date(Date.now() - 31 * DAY).toISOString(), id);
      expect(countScanFiles(t.dir)).toBe(1);
      vi.advanceTimersByTime(59_000);
      expect(countScanFiles(t.dir)).toBe(1);
      vi.advanceTimersByTime(1_000);
      expect(countScanFiles(t.dir)).toBe(0);
      expect(core.store.retention.held()).toEqual([]);
      expect(core.store.audit.forSubject(id).at(-1)).toMatchObject({ action: 'purge', actor: 'retention' });
      core.close();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});

describe('issue 12 item 15: personal data leaves the workstation once the server holds the application for good', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  let now: number;
  beforeEach(() => {
    t = tempStoreDir();
    now = Date.parse('2026-11-01T09:00:00Z');
    store = openStore({ dir: t.dir, key: t.key, workstationId: 'ws', clock: () => new Date(now) });
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });

  const form = { kind: 'first_application', entity: { names: { zh: '澳門保存測試有限公司' } }, idDocumentShown: { number: '1234567(8)' } };
  const terms = { entityNames: ['澳門保存測試有限公司'], registrationNumbers: ['55555 SO'], idNumbers: ['12345678'] };
  /** An application taken in, submitted with its number and approved; its ops sent as sync would have frozen them. */
  const decided = (n: number, opState: 'acked' | 'pending' | null) => {
    const id = store.applications.createDraft({ kind: 'first_application', data: form, search: terms, actor: 'staff:C1' }).id;
    store.applications.setStatus(id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: `SP01-W07-20261101-000${n}-X` });
    store.applications.setStatus(id, { status: 'approved', actor: 'staff:S1', reason: '陳大文 已核對' });
    store.db.prepare('UPDATE outbox SET sent_at = ? WHERE subject_id = ?').run(new Date(now).toISOString(), id);
    if (opState) {
      store.db
        .prepare(
          `INSERT INTO sync_ops (client_seq, op_id, kind, record_id, body, blobs, outbox_from, outbox_to, state, created_at)
           VALUES (?, ?, 'application.decide', ?, ?, '[]', 0, 0, ?, ?)`,
        )
        .run(n, `op-${n}`, id, JSON.stringify({ payload: form }), opState, new Date(now).toISOString());
    }
    return id;
  };
  const stored = (id: string) => JSON.stringify(store.db.prepare('SELECT data, search FROM applications WHERE id = ?').get(id));
  const opBody = (id: string) => store.db.prepare('SELECT body FROM sync_ops WHERE record_id = ?').pluck().get(id) as string;

  it('not confirmed by the ledger (an op still pending, or never sent): kept, however many days pass', () => {
    const pending = decided(1, 'pending');
    const acked = decided(2, 'acked');
    // The ledger holds op 2 but not op 1.
    expect(markDurableFromLedger(store, { ackedThrough: 2 })).toEqual([acked]);
    expect(markDurableFromLedger(store, { ackedThrough: 0 })).toEqual([]);
    now += 3650 * DAY;
    store.retention.purgeExpired();
    expect(stored(pending)).toContain('1234567(8)');
    expect(store.applications.search('澳門保存', 10).map((s) => s.id)).toContain(pending);
  });

  it('confirmed by the ledger and the retention days passed: names, ID numbers, the search index and the sent op go; number, status and audit stay', () => {
    const id = decided(1, 'acked');
    // Returned for correction once before it was decided: the form as it was then is kept too.
    store.db
      .prepare('INSERT INTO application_returned_versions (application_id, revision, returned_at, data) VALUES (?, 1, ?, ?)')
      .run(id, new Date(now).toISOString(), JSON.stringify({ entity: { names: { zh: '澳門保存測試' } }, idNumber: '1234567(8)' }));
    const returnedForms = () => store.db.prepare('SELECT data FROM application_returned_versions WHERE application_id = ?').all(id);
    expect(markDurableFromLedger(store, { ackedThrough: 0 })).toEqual([]); // the server does not hold it yet
    expect(markDurableFromLedger(store, { ackedThrough: 1 })).toEqual([id]);
    now += 29 * DAY;
    expect(store.retention.purgeExpired().forms).toBe(0);
    expect(stored(id)).toContain('1234567(8)');
    expect(returnedForms()).toHaveLength(1);
    now += 2 * DAY;
    expect(store.retention.purgeExpired().forms).toBe(1);
    expect(returnedForms()).toEqual([]);
    for (const personal of ['1234567(8)', '12345678', '澳門保存測試', '55555']) {
      expect(stored(id)).not.toContain(personal);
      expect(opBody(id)).not.toContain(personal);
    }
    expect(JSON.stringify(store.db.prepare('SELECT reason FROM application_status_history WHERE application_id = ?').all(id))).not.toContain('陳大文');
    expect(store.applications.search('澳門保存', 10)).toEqual([]);
    expect(store.applications.search('12345678', 10)).toEqual([]);
    // What a receipt check and the work list need: found by its number, with its status.
    expect(store.applications.search('SP01-W07-20261101-0001-X', 10).map((s) => [s.id, s.status])).toEqual([[id, 'approved']]);
    expect(store.applications.get(id)).toMatchObject({ status: 'approved', applicationNumber: 'SP01-W07-20261101-0001-X' });
    expect(
      store.audit
        .forSubject(id)
        .map((e) => e.action)
        .slice(-2),
    ).toEqual(['acknowledged', 'purge_form']);
    expect(store.audit.verify()).toMatchObject({ ok: true });
    expect(store.retention.purgeExpired().forms).toBe(0);
  });

  it('a standalone workstation, never enrolled, has no ledger: it keeps every form (its only copy) whatever the days', () => {
    const id = decided(1, null);
    expect(markDurableFromLedger(store, { ackedThrough: 1000 })).toEqual([]);
    now += 3650 * DAY;
    expect(store.retention.purgeExpired().forms).toBe(0);
    expect(stored(id)).toContain('1234567(8)');
  });
});
