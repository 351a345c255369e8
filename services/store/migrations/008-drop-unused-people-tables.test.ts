import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, insertApplication, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 8: drops the never-written persons, id_documents and checklist_items', () => {
  let t: { db: Db; cleanup(): void };
  const tables = () =>
    t.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('persons', 'id_documents', 'checklist_items') ORDER BY name`).pluck().all();
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 7);
    insertApplication(t.db, 'a1');
  });
  afterEach(() => t.cleanup());

  it('removes the three tables and their indexes, keeping the applications written before it', () => {
    expect(tables()).toEqual(['checklist_items', 'id_documents', 'persons']);
    expect(migrateTo(t.db, 8)).toBe(8);
    expect(tables()).toEqual([]);
    expect(t.db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name IN ('persons_app', 'id_documents_number', 'id_documents_person')`).pluck().get()).toBe(
      0,
    );
    expect(t.db.prepare(`SELECT json_extract(data, '$.entity.nameZh') FROM applications WHERE id = 'a1'`).pluck().get()).toBe('甲');
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
  });
});
