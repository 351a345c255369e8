import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 13: sync_ops indexed by application', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 12);
    const add = t.db.prepare(
      `INSERT INTO sync_ops (client_seq, op_id, kind, record_id, body, blobs, bytes, outbox_from, outbox_to, state, created_at)
       VALUES (?, ?, ?, ?, '{}', '[]', 0, 1, 1, 'acked', 't')`,
    );
    add.run(1, 'o1', 'application.submit', 'a1');
    add.run(2, 'o2', 'application.decide', 'a1');
    add.run(3, 'o3', 'application.submit', 'a2');
    expect(migrateTo(t.db, 13)).toBe(13);
  });
  afterEach(() => t.cleanup());

  it('finds an application’s ops through the index, with the ops from before it', () => {
    const q = `SELECT count(*) FROM sync_ops WHERE record_id = 'a1' AND kind = 'application.submit'`;
    expect(t.db.prepare(q).pluck().get()).toBe(1);
    expect(t.db.prepare(`SELECT count(*) FROM sync_ops WHERE record_id = 'a1'`).pluck().get()).toBe(2);
    const plan = t.db
      .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${q}`)
      .all()
      .map((r) => r.detail);
    expect(plan.join(' ')).toContain('sync_ops_record');
  });
});
