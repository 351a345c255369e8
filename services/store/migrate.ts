import type { Db } from './database';
import { StoreError, toStoreError } from './errors';
import { MIGRATIONS, type Migration } from './migrations';

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the schema up to date, one transaction per migration (schema change and
 * user_version together), so a migration that fails halfway leaves the database exactly at
 * the previous version with every row intact.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  const current = userVersion(db);
  if (current > latest) {
    throw new StoreError('too_new', `database schema version ${current} is newer than this program knows (${latest})`);
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= userVersion(db)) continue;
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } catch (e) {
      const base = (() => {
        try {
          return toStoreError(e, `migration ${m.version}`);
        } catch {
          return undefined;
        }
      })();
      if (base?.code === 'disk_full') throw base;
      const msg = e instanceof Error ? e.message : String(e);
      throw new StoreError('migration_failed', `migration ${m.version} (${m.name}) failed and was rolled back: ${msg}`, { version: m.version }, { cause: e });
    }
  }
  return userVersion(db);
}
