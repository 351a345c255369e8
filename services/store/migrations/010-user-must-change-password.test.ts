import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { freshDb, migrateTo } from './test-support';

describe('migration 10: a password to be changed at the next sign-in', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 9);
    t.db
      .prepare(
        `INSERT INTO users (id, staff_number, display_name, roles, service_points, password_verifier, active, created_at, updated_at)
         VALUES ('u1', 'C1', '陳', '["clerk"]', '["SP01"]', 'v', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run();
  });
  afterEach(() => t.cleanup());

  it('keeps existing users, who need not change their password, and accepts only 0 or 1', () => {
    expect(migrateTo(t.db, 10)).toBe(10);
    expect(t.db.prepare(`SELECT must_change_password FROM users WHERE id = 'u1'`).pluck().get()).toBe(0);
    t.db.prepare(`UPDATE users SET must_change_password = 1 WHERE id = 'u1'`).run();
    expect(() => t.db.prepare(`UPDATE users SET must_change_password = 2 WHERE id = 'u1'`).run()).toThrow();
  });
});
