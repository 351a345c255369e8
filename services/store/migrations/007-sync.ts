import type { Migration } from './types';

// Workstation sync (issue 15). The outbox stays the source of what must be sent; these tables
// hold what sync derived from it, so a resend after a crash is byte-identical (ODK collect#5317:
// a rebuilt payload looked like "same id, different content" to the server).
export const m007Sync: Migration = {
  version: 7,
  name: 'sync: enrolment, frozen ops, resumable uploads, pull cursor',
  up(db) {
    db.exec(`
      -- One row per key: enrolment (server address, pinned server key, workstation id), cursor, counters.
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- An op is frozen when first derived from outbox rows: op_id, client_seq and body never change.
      -- state: pending (to send), acked (server applied or already had it), parked (refused: a person
      -- must look), conflict (the server holds something newer: shown on screen).
      CREATE TABLE sync_ops (
        client_seq INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        blobs TEXT NOT NULL CHECK (json_valid(blobs)),
        bytes INTEGER NOT NULL DEFAULT 0,
        outbox_from INTEGER NOT NULL,
        outbox_to INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'parked', 'conflict')),
        reason TEXT,
        detail TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        settled_at TEXT
      ) STRICT;
      CREATE INDEX sync_ops_state ON sync_ops (state, client_seq);

      -- A resumable (tus) upload: its URL and the offset the server confirmed survive a crash.
      CREATE TABLE sync_uploads (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        upload_url TEXT,
        offset INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
        updated_at TEXT NOT NULL
      ) STRICT;

      -- What the server told this workstation (decisions, other workstations' applications, users,
      -- reference data), applied in the same transaction as the cursor that delivered it.
      CREATE TABLE sync_pulled (
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        pulled_at TEXT NOT NULL,
        PRIMARY KEY (kind, record_id)
      ) STRICT;
    `);
  },
};
