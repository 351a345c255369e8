import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, integrityCheck } from './database';
import { migrate, userVersion } from './migrate';
import { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations';
import { isStoreError } from './errors';
import { openTestStore, tempStoreDir } from './test-support';

describe('migrate', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('versions are 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
  });

  it('a migration that fails halfway rolls back whole: version, schema and rows unchanged', () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    const d = store.applications.createDraft({
      kind: 'first_application',
      data: { typed: '澳門' },
      search: { entityNames: ['澳門'], registrationNumbers: [], idNumbers: [] },
      actor: 'c',
    });
    const db = store.db;
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'broken on purpose',
      up(x) {
        x.exec(
          `CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT; UPDATE applications SET status = 'approved'; ALTER TABLE applications ADD COLUMN foo TEXT;`,
        );
        throw new Error('boom halfway');
      },
    };
    let err: unknown;
    try {
      migrate(db, [...MIGRATIONS, broken]);
    } catch (e) {
      err = e;
    }
    expect(isStoreError(err, 'migration_failed')).toBe(true);
    expect((err as Error).message).toMatch(/boom halfway.*|rolled back/);
    expect(userVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`).pluck().get()).toBe(0);
    expect(store.applications.get(d.id)).toMatchObject({ status: 'draft', data: { typed: '澳門' } });
    expect(integrityCheck(db)).toBe('ok');
    store.close();
    // And the store still opens normally afterwards.
    const again = openTestStore(t.dir, t.key);
    expect(again.applications.get(d.id)?.data).toEqual({ typed: '澳門' });
    again.close();
  });

  it('refuses a database written by a newer program, without touching it', () => {
    t = tempStoreDir();
    openTestStore(t.dir, t.key).close();
    const db = openDatabase(join(t.dir, 'counterdesk.db'), t.key);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    expect(() => openTestStore(t!.dir, t!.key)).toThrow(expect.objectContaining({ code: 'too_new' }));
  });

  it('reopening an up-to-date database runs nothing', () => {
    t = tempStoreDir();
    openTestStore(t.dir, t.key).close();
    const s = openTestStore(t.dir, t.key);
    expect(s.health().userVersion).toBe(LATEST_VERSION);
    s.close();
  });
});
