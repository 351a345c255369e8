import { describe, expect, it } from 'vitest';
import { APPLICATION_SCHEMA_VERSION, DocumentTooNewError, fromStoredDocument, toStoredDocument } from './application-document';

describe('application document versions', () => {
  it('writes the current version and reads the body back without it', () => {
    const stored = toStoredDocument({ kind: 'first_application', entity: { names: { zh: '甲' } } });
    expect(stored).toEqual({ kind: 'first_application', entity: { names: { zh: '甲' } }, schemaVersion: APPLICATION_SCHEMA_VERSION });
    expect(fromStoredDocument(stored)).toEqual({ kind: 'first_application', entity: { names: { zh: '甲' } } });
  });

  it('reads an unversioned (version 1) document as version 1 and upgrades it', () => {
    expect(fromStoredDocument({ kind: 'change_of_data' })).toEqual({ kind: 'change_of_data' });
  });

  it('refuses a newer version; leaves what is not an object for the parser to refuse', () => {
    expect(() => fromStoredDocument({ schemaVersion: APPLICATION_SCHEMA_VERSION + 1 })).toThrow(DocumentTooNewError);
    expect(fromStoredDocument('text')).toBe('text');
    expect(fromStoredDocument(null)).toBeNull();
  });
});
