import { describe, expect, it } from 'vitest';
import { APPLICATION_KINDS } from './codes';
import { ApplicationSchema, emptyApplication } from './application';

describe('ApplicationSchema', () => {
  it.each(APPLICATION_KINDS)('an empty %s draft parses and round-trips through JSON', (kind) => {
    const app = emptyApplication(kind);
    expect(ApplicationSchema.parse(JSON.parse(JSON.stringify(app)))).toEqual(app);
  });

  it('admits a half-typed draft (a person with only an id, an ID number without type)', () => {
    const r = ApplicationSchema.safeParse({
      kind: 'first_application',
      persons: [{ id: 'p1', idDocument: { number: '12' } }],
      legalRepresentatives: [{ personId: 'p1' }],
    });
    expect(r.success).toBe(true);
  });

  it.each([
    ['unknown top-level key', { kind: 'first_application', extra: 1 }],
    ['unknown nested key', { kind: 'first_application', entity: { names: {}, nickname: 'x' } }],
    ['unknown kind', { kind: 'renewal' }],
    ['name longer than 200', { kind: 'first_application', entity: { names: { zh: 'x'.repeat(201) } } }],
    ['too many persons', { kind: 'first_application', persons: Array.from({ length: 17 }, (_, i) => ({ id: `p${i}` })) }],
    ['person id with spaces', { kind: 'first_application', persons: [{ id: 'a b' }] }],
    ['attachment that is not a SHA-256 hex', { kind: 'first_application', documents: { poa: { sighting: 'original', attachments: ['x'] } } }],
    ['tick without who ticked', { kind: 'first_application', checks: { 'poa.wording.consent_open_account': { by: '', at: '2026-01-01' } } }],
    ['too many documents', { kind: 'first_application', documents: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`s${i}`, {}])) }],
    ['bad expiry date', { kind: 'first_application', persons: [{ id: 'p1', idDocument: { expiry: '31/12/2030' } }] }],
  ])('refuses %s', (_name, input) => {
    expect(ApplicationSchema.safeParse(input).success).toBe(false);
  });
});
