import type { Migration } from './types';
import { hanBigrams } from '../search-terms';

// Migration 1 put application_id in the FTS table itself (UNINDEXED), so replacing the names
// of one application scanned the whole index: fine at 100, not at 100k. Names now live in a
// plain table (indexed by application) with an external-content trigram index kept in step
// by triggers, plus a bigram table for two-character Chinese searches.
export const m006NameIndex: Migration = {
  version: 6,
  name: 'entity name index: external-content trigram FTS + Han bigrams',
  up(db) {
    db.exec(`
      DROP TABLE search_names;
      CREATE TABLE entity_names (
        id INTEGER PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        name TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entity_names_app ON entity_names (application_id);
      CREATE VIRTUAL TABLE entity_names_fts USING fts5 (
        name, content = 'entity_names', content_rowid = 'id', tokenize = 'trigram remove_diacritics 1'
      );
      CREATE TRIGGER entity_names_ai AFTER INSERT ON entity_names BEGIN
        INSERT INTO entity_names_fts (rowid, name) VALUES (new.id, new.name);
      END;
      CREATE TRIGGER entity_names_ad AFTER DELETE ON entity_names BEGIN
        INSERT INTO entity_names_fts (entity_names_fts, rowid, name) VALUES ('delete', old.id, old.name);
      END;
      CREATE TRIGGER entity_names_au AFTER UPDATE ON entity_names BEGIN
        INSERT INTO entity_names_fts (entity_names_fts, rowid, name) VALUES ('delete', old.id, old.name);
        INSERT INTO entity_names_fts (rowid, name) VALUES (new.id, new.name);
      END;
      -- No foreign key on purpose: checking it on every name delete would scan this table.
      -- Rows whose name is gone match nothing (searches join entity_names).
      CREATE TABLE name_bigrams (
        bigram TEXT NOT NULL,
        name_id INTEGER NOT NULL,
        PRIMARY KEY (bigram, name_id)
      ) STRICT, WITHOUT ROWID;
    `);
    const rows = db.prepare<[], { id: string; search: string }>('SELECT id, search FROM applications').all();
    const addName = db.prepare('INSERT INTO entity_names (application_id, name) VALUES (?, ?)');
    const addBigram = db.prepare('INSERT OR IGNORE INTO name_bigrams (bigram, name_id) VALUES (?, ?)');
    for (const r of rows) {
      const names = (JSON.parse(r.search) as { entityNames?: unknown }).entityNames;
      if (!Array.isArray(names)) continue;
      for (const n of names) {
        if (typeof n !== 'string' || n === '') continue;
        const nameId = addName.run(r.id, n).lastInsertRowid;
        for (const b of hanBigrams(n)) addBigram.run(b, nameId);
      }
    }
  },
};
