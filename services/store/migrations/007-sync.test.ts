import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 7: sync tables', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 6);
    t.db.prepare(`INSERT INTO outbox (topic, subject_id, payload, created_at) VALUES ('application.saved', 'a1', '{"revision":1}', 't')`).run();
    expect(migrateTo(t.db, 7)).toBe(7);
  });
  afterEach(() => t.cleanup());

  const freeze = (seq: number, opId: string) =>
    t.db
      .prepare(
        `INSERT INTO sync_ops (client_seq, op_id, kind, record_id, body, blobs, outbox_from, outbox_to, created_at) VALUES (?, ?, 'application', 'a1', '{}', '[]', 1, 1, 't')`,
      )
      .run(seq, opId);

  it('keeps the outbox rows written before it and starts with nothing to send', () => {
    expect(t.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(1);
    expect(t.db.prepare('SELECT count(*) FROM sync_ops').pluck().get()).toBe(0);
  });

  it('an op id or a sequence number can be frozen only once', () => {
    freeze(1, 'op-1');
    expect(() => freeze(1, 'op-2')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => freeze(2, 'op-1')).toThrow(/UNIQUE/);
  });

  it('refuses an op state outside the four the worker knows', () => {
    freeze(1, 'op-1');
    expect(() => t.db.prepare(`UPDATE sync_ops SET state = 'lost' WHERE client_seq = 1`).run()).toThrow(/CHECK/);
  });
});
