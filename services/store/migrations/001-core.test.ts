import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, insertApplication, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 1: core', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    expect(migrateTo(t.db, 1)).toBe(1);
  });
  afterEach(() => t.cleanup());

  it('refuses to update or delete audit entries', () => {
    t.db
      .prepare(`INSERT INTO audit_log (seq, at, actor, workstation_id, action, details, prev_hash, hash) VALUES (1, 't', 'a', 'w', 'create', '{}', 'p', 'h')`)
      .run();
    expect(() => t.db.prepare(`UPDATE audit_log SET actor = 'x'`).run()).toThrow(/append-only/);
    expect(() => t.db.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    expect(t.db.prepare('SELECT actor FROM audit_log').pluck().all()).toEqual(['a']);
  });

  it('tables are STRICT and JSON columns must be valid JSON', () => {
    insertApplication(t.db, 'a1');
    expect(() => t.db.prepare(`UPDATE applications SET revision = 'two' WHERE id = 'a1'`).run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => t.db.prepare(`UPDATE applications SET data = 'not json' WHERE id = 'a1'`).run()).toThrow(/CHECK constraint/);
  });

  it('status history and search terms go with their application', () => {
    insertApplication(t.db, 'a1');
    t.db.prepare(`INSERT INTO application_status_history (application_id, status, at, actor) VALUES ('a1', 'draft', 't', 'c')`).run();
    t.db.prepare(`INSERT INTO search_terms (application_id, kind, term) VALUES ('a1', 'id_number', '12345678')`).run();
    expect(() => t.db.prepare(`INSERT INTO search_terms (application_id, kind, term) VALUES ('zz', 'id_number', '1')`).run()).toThrow(/FOREIGN KEY/);
    t.db.prepare(`DELETE FROM applications WHERE id = 'a1'`).run();
    expect(t.db.prepare('SELECT count(*) FROM application_status_history').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT count(*) FROM search_terms').pluck().get()).toBe(0);
  });

  it('entity names are searchable by any three characters, accents ignored', () => {
    t.db.prepare(`INSERT INTO search_names (name, application_id) VALUES ('Associação Comercial', 'a1')`).run();
    expect(t.db.prepare(`SELECT application_id FROM search_names WHERE search_names MATCH '"ciacao"'`).pluck().all()).toEqual(['a1']);
  });
});
