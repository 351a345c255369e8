import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from './index';
import { tempStoreDir } from './test-support';
import { scanFixtures as f } from './attachments/fixtures';
import { parseBoundedInteger, RETENTION_LIMITS, startPeriodicPurge } from './retention';
import { createAppCore } from '../core/app-core';

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
    expect(store.retention.purgeExpired()).toEqual({ files: 0, applications: 0 });
    now += 2 * DAY;
    expect(store.retention.purgeExpired()).toEqual({ files: 1, applications: 1 });
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
