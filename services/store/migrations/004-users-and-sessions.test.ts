import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 4: users and sessions', () => {
  let t: { db: Db; cleanup(): void };
  const addUser = (id: string, staff: string, roles = '["clerk"]') =>
    t.db
      .prepare(`INSERT INTO users (id, staff_number, display_name, roles, created_at, updated_at) VALUES (?, ?, '陳大文', ?, 't', 't')`)
      .run(id, staff, roles);
  beforeEach(() => {
    t = freshDb();
    expect(migrateTo(t.db, 4)).toBe(4);
  });
  afterEach(() => t.cleanup());

  it('one account per staff number; roles must be a JSON array', () => {
    addUser('u1', 'S001');
    expect(() => addUser('u2', 'S001')).toThrow(/UNIQUE/);
    expect(() => addUser('u3', 'S003', '"clerk"')).toThrow(/CHECK/);
    expect(t.db.prepare('SELECT failed_attempts, locked_until FROM users').get()).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('sessions belong to a user and a workstation', () => {
    addUser('u1', 'S001');
    t.db.prepare(`INSERT INTO sessions (id, user_id, workstation_id, created_at, last_seen_at, expires_at) VALUES ('s1', 'u1', 'ws1', 't', 't', 't')`).run();
    expect(() =>
      t.db
        .prepare(`INSERT INTO sessions (id, user_id, workstation_id, created_at, last_seen_at, expires_at) VALUES ('s2', 'nobody', 'ws1', 't', 't', 't')`)
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
