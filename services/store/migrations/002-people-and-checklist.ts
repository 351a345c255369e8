import type { Migration } from './types';

// The people named on an application (administrators, legal representatives, the person at
// the counter), their ID documents (normalised number kept for search), and the checklist
// the clerk ticks (FAQ 5, 6: what was seen, original or copy).
export const m002PeopleAndChecklist: Migration = {
  version: 2,
  name: 'persons, id documents, checklist items',
  up(db) {
    db.exec(`
      CREATE TABLE persons (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        name_zh TEXT,
        name_pt TEXT,
        data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
        position INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX persons_app ON persons (application_id, position);

      CREATE TABLE id_documents (
        id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
        doc_type TEXT NOT NULL,
        number TEXT NOT NULL,
        number_normalised TEXT NOT NULL,
        issuer TEXT,
        expires_on TEXT,
        sighting TEXT NOT NULL DEFAULT 'none'
      ) STRICT;
      CREATE INDEX id_documents_number ON id_documents (number_normalised);
      CREATE INDEX id_documents_person ON id_documents (person_id);

      CREATE TABLE checklist_items (
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        item TEXT NOT NULL,
        state TEXT NOT NULL,
        sighting TEXT,
        note TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (application_id, item)
      ) STRICT;
    `);
  },
};
