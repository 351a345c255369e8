import type { Application } from '../../domain/model/application';
import type { ApplicationRecord, Store } from '../store';
import { readStoredApplication, StoredApplicationError } from './stored-application';

/** A stored application and its document, parsed once. */
export interface LoadedApplication {
  record: ApplicationRecord;
  application: Application;
}

/**
 * The one owner of the stored application document: the store keeps `data` as JSON with a
 * schema version (brought up to date on read); this parses it once against the domain schema,
 * so no caller casts `data: unknown` on its own.
 */
export function createApplicationRepository(store: Pick<Store, 'applications'>) {
  return {
    /** undefined: no such application. Throws StoredApplicationError when its document does not parse. */
    load(id: string): LoadedApplication | undefined {
      const record = store.applications.get(id);
      return record ? { record, application: readStoredApplication(record.kind, record.data) } : undefined;
    },

    /** The document of a record already read; throws StoredApplicationError when it does not parse. */
    applicationOf(record: ApplicationRecord): Application {
      return readStoredApplication(record.kind, record.data);
    },

    /** As applicationOf, but null for a document that does not parse (shown as unreadable, never guessed at). */
    readableApplicationOf(record: ApplicationRecord): Application | null {
      try {
        return readStoredApplication(record.kind, record.data);
      } catch (e) {
        if (e instanceof StoredApplicationError) return null;
        throw e;
      }
    },
  };
}

export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;
