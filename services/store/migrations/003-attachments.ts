import type { Migration } from './types';

// Scans live outside the database as encrypted blobs; the database keeps what is needed to
// find, decrypt and verify them. A blob's hash outlives the file (retention purges files).
export const m003Attachments: Migration = {
  version: 3,
  name: 'attachments, pages, blobs',
  up(db) {
    db.exec(`
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        file_name TEXT NOT NULL UNIQUE,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        wrapped_key BLOB NOT NULL,
        kek_id TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        purged_at TEXT
      ) STRICT;

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        slot TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE INDEX attachments_app ON attachments (application_id, created_at);

      CREATE TABLE attachment_pages (
        id TEXT PRIMARY KEY,
        attachment_id TEXT NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        blob_sha256 TEXT NOT NULL REFERENCES blobs (sha256),
        rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
        UNIQUE (attachment_id, position)
      ) STRICT;
      CREATE INDEX attachment_pages_blob ON attachment_pages (blob_sha256);
    `);
  },
};
