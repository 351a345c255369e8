import type { Migration } from './types';

// Issue 16: e-ID tool enablements at the counter (security code, FAQ 19; face recognition
// re-enable, FAQ 18) and the security-code nonces this workstation has used. An enablement is
// queued until the central server re-checks it and answers; the nonce table is the local half
// of replay protection (the server consumes each nonce once for all counters).
export const m009EidEnablements: Migration = {
  version: 9,
  name: 'e-ID tool enablements and seen security-code nonces',
  up(db) {
    db.exec(`
      CREATE TABLE eid_enablements (
        id TEXT PRIMARY KEY,
        tool TEXT NOT NULL CHECK (tool IN ('security_code', 'face_recognition')),
        visit_id TEXT NOT NULL,
        entity_number TEXT NOT NULL,
        staff_login_id TEXT NOT NULL,
        id_type TEXT NOT NULL,
        id_number_masked TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'confirmed', 'refused')),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        decided_at TEXT,
        refusal_key TEXT
      ) STRICT;
      CREATE INDEX eid_enablements_visit ON eid_enablements (visit_id);
      CREATE INDEX eid_enablements_created ON eid_enablements (created_at);
      CREATE INDEX eid_enablements_login ON eid_enablements (tool, entity_number, staff_login_id);

      CREATE TABLE security_code_nonces (
        nonce TEXT PRIMARY KEY CHECK (length(nonce) = 32),
        enablement_id TEXT NOT NULL REFERENCES eid_enablements (id),
        seen_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
