import type { Migration } from './types';

// Issue 12, items 12 and 15.
// - audit_log.keyed: 1 for an entry chained with the workstation's audit key (HMAC-SHA-256, the
//   key kept outside the database), 0 for the plain SHA-256 entries written before; once a keyed
//   entry exists, every later one must be keyed (audit-log.ts verify).
// - audit_log.row_hash: SHA-256 of the application row as the entry left it (status, number,
//   form), so editing the row afterwards no longer matches the last entry about it.
// - applications.personal_data_purged_at: when retention removed the form's personal data after
//   the central server confirmed the application durable (retention.ts).
export const m011KeyedAuditAndFormPurge: Migration = {
  version: 11,
  name: 'audit: keyed chain and row hashes; applications: personal data purged',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0 CHECK (keyed IN (0, 1));
      ALTER TABLE audit_log ADD COLUMN row_hash TEXT CHECK (row_hash IS NULL OR length(row_hash) = 64);
      ALTER TABLE applications ADD COLUMN personal_data_purged_at TEXT;
    `);
  },
};
