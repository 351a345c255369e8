import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { freshDb, insertApplication, migrateTo } from './test-support';

describe('migration 11: keyed audit chain, row hashes, purged personal data', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 10);
    insertApplication(t.db, 'a1');
    t.db
      .prepare(
        `INSERT INTO audit_log (seq, at, actor, workstation_id, action, subject_id, details, prev_hash, hash)
         VALUES (1, 't', 'staff:C1', 'W07', 'create', 'a1', '{}', ?, ?)`,
      )
      .run('0'.repeat(64), 'a'.repeat(64));
  });
  afterEach(() => t.cleanup());

  it('marks entries written before it as plain (unkeyed, no row hash) and applications as not purged', () => {
    expect(migrateTo(t.db, 11)).toBe(11);
    expect(t.db.prepare('SELECT keyed, row_hash FROM audit_log WHERE seq = 1').get()).toEqual({ keyed: 0, row_hash: null });
    expect(t.db.prepare(`SELECT personal_data_purged_at FROM applications WHERE id = 'a1'`).pluck().get()).toBeNull();
  });

  it('keeps the log append-only and refuses a row hash that is not a SHA-256', () => {
    migrateTo(t.db, 11);
    expect(() => t.db.prepare('UPDATE audit_log SET keyed = 1 WHERE seq = 1').run()).toThrow(/append-only/);
    const insert = t.db.prepare(
      `INSERT INTO audit_log (seq, at, actor, workstation_id, action, subject_id, details, prev_hash, hash, keyed, row_hash)
       VALUES (2, 't', 'staff:C1', 'W07', 'edit', 'a1', '{}', ?, ?, 1, ?)`,
    );
    expect(() => insert.run('a'.repeat(64), 'b'.repeat(64), 'short')).toThrow();
    insert.run('a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64));
  });
});
