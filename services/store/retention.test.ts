import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from './index';
import { tempStoreDir } from './test-support';
import { scanFixtures as f } from './attachments/fixtures';

const noTerms = { entityNames: [], registrationNumbers: [], idNumbers: [] };
const DAY = 86_400_000;

function countScanFiles(dir: string): number {
  const root = join(dir, 'scans');
  if (!existsSync(root)) return 0;
  return readdirSync(root).filter((d) => !d.startsWith('.')).reduce((n, d) => n + readdirSync(join(root, d)).length, 0);
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
