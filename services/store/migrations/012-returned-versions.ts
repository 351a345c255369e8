import type { Migration } from './types';

// Issue 13 item 11: after a return for correction the supervisor sees what changed since the
// last submission. A pending application cannot be edited, so the form as it stood when the
// supervisor returned it is the form of its last submission: kept here, one row per return,
// in the stored document format of applications.data (brought up to date on read). It holds
// the same personal data as the application: deleted with it, and purged with its form.
export const m012ReturnedVersions: Migration = {
  version: 12,
  name: 'applications: the form as it was when returned for correction',
  up(db) {
    db.exec(`
      CREATE TABLE application_returned_versions (
        application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        returned_at TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (application_id, revision)
      ) STRICT;
    `);
  },
};
