import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_SCHEMA_VERSION } from '../../domain/model/application-document';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import type { Store } from '../store';
import { openTestStore, tempStoreDir } from '../store/test-support';
import { createApplicationRepository } from './application-repository';
import { StoredApplicationError } from './stored-application';

describe('the stored application document', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  const rawData = (id: string) =>
    JSON.parse(store.db.prepare<[string], string>('SELECT data FROM applications WHERE id = ?').pluck().get(id) ?? 'null') as unknown;
  beforeEach(() => {
    t = tempStoreDir();
    store = openTestStore(t.dir, t.key);
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });

  it('is written with the current schema version and loaded once, parsed, without it', () => {
    const app = sampleFirstApplication();
    const rec = store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: 'staff:C1' });
    expect(rawData(rec.id)).toMatchObject({ schemaVersion: APPLICATION_SCHEMA_VERSION, kind: 'first_application' });
    const loaded = createApplicationRepository(store).load(rec.id);
    expect(loaded?.record.id).toBe(rec.id);
    expect(loaded?.application).toEqual(app);
    expect(loaded?.application).not.toHaveProperty('schemaVersion');
    expect(createApplicationRepository(store).load('no-such-id')).toBeUndefined();
  });

  it('a version 1 document (stored before versions existed) opens, and the next save writes it current', () => {
    const app = sampleFirstApplication();
    const rec = store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: 'staff:C1' });
    // Exactly what the program wrote before documents carried a version.
    store.db.prepare('UPDATE applications SET data = ? WHERE id = ?').run(JSON.stringify(app), rec.id);
    expect(rawData(rec.id)).not.toHaveProperty('schemaVersion');
    const repo = createApplicationRepository(store);
    expect(repo.load(rec.id)?.application).toEqual(app);
    store.applications.saveDraft(rec.id, { data: repo.load(rec.id)!.application, search: searchTerms(app), actor: 'staff:C1' });
    expect(rawData(rec.id)).toMatchObject({ schemaVersion: APPLICATION_SCHEMA_VERSION });
    expect(repo.load(rec.id)?.application).toEqual(app);
  });

  it('a document from a newer program is refused as unreadable, never opened half-understood', () => {
    const app = sampleFirstApplication();
    const rec = store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: 'staff:C1' });
    store.db.prepare('UPDATE applications SET data = ? WHERE id = ?').run(JSON.stringify({ ...app, schemaVersion: APPLICATION_SCHEMA_VERSION + 1 }), rec.id);
    const repo = createApplicationRepository(store);
    expect(() => repo.load(rec.id)).toThrow(StoredApplicationError);
    expect(repo.readableApplicationOf(store.applications.get(rec.id)!)).toBeNull();
  });
});
