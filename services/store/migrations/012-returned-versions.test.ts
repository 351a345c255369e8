import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { freshDb, insertApplication, migrateTo } from './test-support';

describe('migration 12: the form as it was when returned', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 11);
    insertApplication(t.db, 'a1');
  });
  afterEach(() => t.cleanup());

  const insert = (id: string, revision: number, data: string) =>
    t.db
      .prepare('INSERT INTO application_returned_versions (application_id, revision, returned_at, data) VALUES (?, ?, ?, ?)')
      .run(id, revision, '2026-11-23T03:00:00Z', data);

  it('keeps one version per return of an existing application, as JSON, and drops them with it', () => {
    expect(migrateTo(t.db, 12)).toBe(12);
    insert('a1', 3, '{"kind":"first_application"}');
    expect(() => insert('a1', 3, '{}'), 'one row per returned revision').toThrow();
    expect(() => insert('a1', 4, 'not json')).toThrow();
    expect(() => insert('no-such-application', 1, '{}')).toThrow();
    expect(t.db.prepare('SELECT count(*) FROM application_returned_versions').pluck().get()).toBe(1);
    t.db.prepare(`DELETE FROM applications WHERE id = 'a1'`).run();
    expect(t.db.prepare('SELECT count(*) FROM application_returned_versions').pluck().get()).toBe(0);
  });
});
