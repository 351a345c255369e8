import type { Application } from '../../domain/model/application';
import { DocumentTooNewError, fromStoredDocument, toStoredDocument } from '../../domain/model/application-document';
import { readStoredApplication, StoredApplicationError } from '../intake/stored-application';
import type { ApplicationRecord, Store } from '../store';

/** The form as it stood when it was last returned for correction (issue 13 item 11). */
export interface ReturnedVersion {
  returnedAt: string;
  application: Application;
}

/**
 * A pending application cannot be edited, so the form the supervisor returns is the form of
 * its last submission. Kept at the return (store migration 12), it lets the next review show
 * what the clerk changed since. Rows hold personal data like the application: deleted with it.
 */
export function createReturnedVersions(store: Pick<Store, 'db'>) {
  const insert = store.db.prepare<[string, number, string, string]>(
    'INSERT OR REPLACE INTO application_returned_versions (application_id, revision, returned_at, data) VALUES (?, ?, ?, ?)',
  );
  const latest = store.db.prepare<[string], { returned_at: string; data: string }>(
    'SELECT returned_at, data FROM application_returned_versions WHERE application_id = ? ORDER BY revision DESC LIMIT 1',
  );
  return {
    /** Inside the return's transaction: the record as read before its status changed. */
    keep(rec: ApplicationRecord, returnedAt: string): void {
      if (typeof rec.data !== 'object' || rec.data === null) return;
      insert.run(rec.id, rec.revision, returnedAt, JSON.stringify(toStoredDocument(rec.data)));
    },

    /** The latest returned form, or null (never returned, or a kept form that no longer parses). */
    latest(rec: ApplicationRecord): ReturnedVersion | null {
      const row = latest.get(rec.id);
      if (!row) return null;
      try {
        return { returnedAt: row.returned_at, application: readStoredApplication(rec.kind, fromStoredDocument(JSON.parse(row.data))) };
      } catch (e) {
        if (e instanceof StoredApplicationError || e instanceof DocumentTooNewError || e instanceof SyntaxError) return null;
        throw e;
      }
    },
  };
}

export type ReturnedVersions = ReturnType<typeof createReturnedVersions>;
