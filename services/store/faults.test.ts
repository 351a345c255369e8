import { afterEach, describe, expect, it } from 'vitest';
import { isStoreError, type Store } from './index';
import { integrityCheck } from './database';
import { openTestStore, tempStoreDir } from './test-support';

const terms = (n: string) => ({ entityNames: [n], registrationNumbers: [], idNumbers: [] });

describe('database full (SQLITE_FULL)', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  let store: Store | undefined;
  afterEach(() => {
    store?.close();
    t?.cleanup();
  });

  it('a save that does not fit fails clearly; everything saved before is intact and the store keeps working', () => {
    t = tempStoreDir();
    store = openTestStore(t.dir, t.key);
    const kept = store.applications.createDraft({ kind: 'first_application', data: { v: 'before' }, search: terms('甲'), actor: 'c' });
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.close();
    // Cap the file a few pages above its current size, then fill it.
    store = openTestStore(t.dir, t.key, { maxPageCount: pages + 8 });
    const big = 'x'.repeat(3000);
    let err: unknown;
    const saved: { id: string; revision: number }[] = [];
    for (let i = 0; i < 200 && err === undefined; i++) {
      try {
        const r = store.applications.createDraft({ kind: 'first_application', data: { big, i }, search: terms(`名${i}`), actor: 'c' });
        saved.push({ id: r.id, revision: r.revision });
      } catch (e) {
        err = e;
      }
    }
    expect(isStoreError(err, 'disk_full')).toBe(true);
    expect((err as { messageKey: string }).messageKey).toBe('store.error.diskFull');
    expect(saved.length).toBeGreaterThan(0);
    expect(integrityCheck(store.db)).toBe('ok');
    expect(store.audit.verify().ok).toBe(true);
    expect(store.applications.get(kept.id)?.data).toEqual({ v: 'before' });
    for (const s of saved) expect(store.applications.get(s.id)?.revision).toBe(s.revision);
    // Nothing half-written: every application has its audit entry and outbox row.
    const apps = store.db.prepare('SELECT count(*) FROM applications').pluck().get();
    const creates = store.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'create'`).pluck().get();
    const outbox = store.db.prepare('SELECT count(DISTINCT subject_id) FROM outbox').pluck().get();
    expect([creates, outbox]).toEqual([apps, apps]);
    // Reads and search still work, and after space is freed saving works again.
    expect(store.applications.search('甲').map((s) => s.id)).toEqual([kept.id]);
    store.close();
    store = openTestStore(t.dir, t.key);
    expect(store.applications.saveDraft(kept.id, { data: { v: 'after' }, search: terms('甲'), actor: 'c' }).revision).toBe(2);
  });
});

describe('damaged database file', () => {
  it('a damaged page is reported by health() and reads fail as corrupt, not as a crash', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const t = tempStoreDir();
    try {
      let store = openTestStore(t.dir, t.key);
      for (let i = 0; i < 50; i++)
        store.applications.createDraft({ kind: 'first_application', data: { pad: 'x'.repeat(2000), i }, search: terms(`名${i}`), actor: 'c' });
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      store.close();
      const bytes = readFileSync(`${t.dir}/counterdesk.db`);
      const page = 4096;
      const pages = Math.floor(bytes.length / page);
      for (let p = pages - 6; p < pages; p++) bytes.writeUInt8((bytes.readUInt8(p * page + 100) ^ 0xff) & 0xff, p * page + 100);
      writeFileSync(`${t.dir}/counterdesk.db`, bytes);
      store = openTestStore(t.dir, t.key);
      expect(store.health().integrity).not.toBe('ok');
      let err: unknown;
      try {
        store.applications.list({ limit: 100 });
        store.applications.search('名1');
      } catch (e) {
        err = e;
      }
      expect(isStoreError(err, 'corrupt')).toBe(true);
      store.close();
    } finally {
      t.cleanup();
    }
  });
});
