import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, insertApplication, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 2: persons, id documents, checklist', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 1);
    insertApplication(t.db, 'a1');
    expect(migrateTo(t.db, 2)).toBe(2);
  });
  afterEach(() => t.cleanup());

  it('keeps applications written before it', () => {
    expect(t.db.prepare(`SELECT json_extract(data, '$.entity.nameZh') FROM applications`).pluck().all()).toEqual(['甲']);
  });

  it('finds a person by normalised ID number, and removes people with their application', () => {
    t.db.prepare(`INSERT INTO persons (id, application_id, role) VALUES ('p1', 'a1', 'admin')`).run();
    t.db
      .prepare(
        `INSERT INTO id_documents (id, person_id, doc_type, number, number_normalised) VALUES ('d1', 'p1', 'mo_bir_permanent', '1234567(8)', '12345678')`,
      )
      .run();
    t.db.prepare(`INSERT INTO checklist_items (application_id, item, state, updated_at, updated_by) VALUES ('a1', 'id_copy', 'seen', 't', 'c')`).run();
    expect(t.db.prepare(`SELECT person_id FROM id_documents WHERE number_normalised = '12345678'`).pluck().all()).toEqual(['p1']);
    t.db.prepare(`DELETE FROM applications WHERE id = 'a1'`).run();
    expect(
      t.db.prepare('SELECT (SELECT count(*) FROM persons) + (SELECT count(*) FROM id_documents) + (SELECT count(*) FROM checklist_items)').pluck().get(),
    ).toBe(0);
  });

  it('refuses a person for an application that does not exist', () => {
    expect(() => t.db.prepare(`INSERT INTO persons (id, application_id, role) VALUES ('p1', 'nope', 'admin')`).run()).toThrow(/FOREIGN KEY/);
  });
});
