import type { Migration } from './types';

// Applications and everything written in the same transaction as a save: status history,
// search terms, outbox, audit log. Timestamps are ISO-8601 UTC text; JSON is text.
export const m001Core: Migration = {
  version: 1,
  name: 'core: applications, status history, search, outbox, audit log',
  up(db) {
    db.exec(`
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        application_number TEXT UNIQUE,
        data TEXT NOT NULL CHECK (json_valid(data)),
        search TEXT NOT NULL CHECK (json_valid(search)),
        revision INTEGER NOT NULL CHECK (revision >= 1),
        workstation_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        acked_at TEXT
      ) STRICT;
      CREATE INDEX applications_status_updated ON applications (status, updated_at);
      CREATE INDEX applications_updated ON applications (updated_at);
      CREATE INDEX applications_created_by ON applications (created_by, updated_at);

      CREATE TABLE application_status_history (
        id INTEGER PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT
      ) STRICT;
      CREATE INDEX application_status_history_app ON application_status_history (application_id, id);

      -- Normalised numbers (application, registration, ID): exact and prefix search by index.
      CREATE TABLE search_terms (
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('application_number', 'registration_number', 'id_number')),
        term TEXT NOT NULL
      ) STRICT;
      CREATE INDEX search_terms_term ON search_terms (term, kind);
      CREATE INDEX search_terms_app ON search_terms (application_id);

      -- Entity names in Chinese and Portuguese: partial match anywhere in the name.
      CREATE VIRTUAL TABLE search_names USING fts5 (name, application_id UNINDEXED, tokenize = 'trigram remove_diacritics 1');

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        topic TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        sent_at TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (sent_at, seq);

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        workstation_id TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_id TEXT,
        details TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_subject ON audit_log (subject_id, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      -- The last entry, so that cutting entries off the end is detected too.
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
    `);
  },
};
