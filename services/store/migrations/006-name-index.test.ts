import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 6: entity name index', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 5);
    t.db
      .prepare(
        `INSERT INTO applications (id, kind, status, data, search, revision, workstation_id, created_at, updated_at, created_by, updated_by)
       VALUES ('a1', 'first_application', 'draft', '{}', '{"entityNames":["澳門街坊會","Associação de Moradores"],"registrationNumbers":[],"idNumbers":[]}', 1, 'ws', 't', 't', 'c', 'c')`,
      )
      .run();
    t.db.prepare(`INSERT INTO search_names (name, application_id) VALUES ('澳門街坊會', 'a1')`).run();
    expect(migrateTo(t.db, 6)).toBe(6);
  });
  afterEach(() => t.cleanup());

  const byTrigram = (q: string) =>
    t.db.prepare(`SELECT e.application_id FROM entity_names_fts f JOIN entity_names e ON e.id = f.rowid WHERE entity_names_fts MATCH ?`).pluck().all(q);
  const byBigram = (q: string) =>
    t.db.prepare(`SELECT e.application_id FROM name_bigrams b JOIN entity_names e ON e.id = b.name_id WHERE b.bigram = ?`).pluck().all(q);

  it('rebuilds the name index from the names already stored', () => {
    expect(t.db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'search_names'`).pluck().get()).toBe(0);
    expect(byTrigram('"街坊會"')).toEqual(['a1']);
    expect(byTrigram('"moradores"')).toEqual(['a1']);
    expect(byBigram('街坊')).toEqual(['a1']);
    expect(byBigram('as')).toEqual([]);
  });

  it('keeps the full-text index in step when names change or go', () => {
    t.db.prepare(`UPDATE entity_names SET name = '氹仔業主會' WHERE name = '澳門街坊會'`).run();
    expect(byTrigram('"街坊會"')).toEqual([]);
    expect(byTrigram('"業主會"')).toEqual(['a1']);
    t.db.prepare(`DELETE FROM applications`).run();
    expect(byTrigram('"moradores"')).toEqual([]);
    expect(t.db.prepare(`INSERT INTO entity_names_fts (entity_names_fts) VALUES ('integrity-check')`).run().changes).toBeGreaterThanOrEqual(0);
  });
});
