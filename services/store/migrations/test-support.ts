import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../database';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

/** An empty encrypted database in a temp directory, as the store opens it. */
export function freshDb(): { db: Db; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-mig-'));
  const db = openDatabase(join(dir, 'm.db'), randomBytes(32));
  return {
    db,
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Apply the real migrations up to and including `version`. */
export function migrateTo(db: Db, version: number): number {
  return migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= version),
  );
}

export function insertApplication(db: Db, id: string): void {
  db.prepare(
    `INSERT INTO applications (id, kind, status, data, search, revision, workstation_id, created_at, updated_at, created_by, updated_by)
     VALUES (?, 'first_application', 'draft', '{"entity":{"nameZh":"甲"}}', '{"entityNames":[],"registrationNumbers":[],"idNumbers":[]}', 1, 'ws', 't', 't', 'c', 'c')`,
  ).run(id);
}
