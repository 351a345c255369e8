import { describe, expect, it } from 'vitest';
import { ApplicationSchema, PERSON_ID, emptyApplication } from '../../../../domain/model/application';
import { sampleFirstApplication } from '../../../../domain/rules/sample-applications';
import { addAdmin, addLegalRepresentative, newPersonId, removeAdmin, removeLegalRepresentative, setAttorneyUsed } from './persons';

describe('person edits on a draft', () => {
  it('generates ids the model accepts, different each time', () => {
    const ids = new Set(Array.from({ length: 200 }, newPersonId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(PERSON_ID);
  });

  it('adds a legal representative the schema accepts and removes them with their person', () => {
    const app = emptyApplication('first_application');
    const id = addLegalRepresentative(app) ?? '';
    expect(ApplicationSchema.safeParse(app).success).toBe(true);
    expect(app.persons.map((p) => p.id)).toEqual([id]);
    removeLegalRepresentative(app, id);
    expect(app.persons).toEqual([]);
    expect(app.legalRepresentatives).toEqual([]);
  });

  it('keeps a person who is still an admin when removed as legal representative (one person, two roles)', () => {
    const app = sampleFirstApplication(); // p1 is legal representative and admin
    removeLegalRepresentative(app, 'p1');
    expect(app.persons.some((p) => p.id === 'p1')).toBe(true);
    removeAdmin(app, 'p1');
    expect(app.persons.some((p) => p.id === 'p1')).toBe(false);
  });

  it.each([
    [0, true],
    [2, true],
    [3, false],
  ])('with %i admins, adding one more is allowed: %s (FAQ 12: at most three)', (n, allowed) => {
    const app = emptyApplication('first_application');
    for (let i = 0; i < n; i++) addAdmin(app);
    expect(addAdmin(app) !== null).toBe(allowed);
    expect(app.admins.length).toBe(allowed ? n + 1 : n);
  });

  it('stops adding legal representatives at the model’s limit, so the form never becomes unsavable', () => {
    const app = emptyApplication('first_application');
    for (let i = 0; i < 8; i++) expect(addLegalRepresentative(app)).not.toBeNull();
    expect(addLegalRepresentative(app)).toBeNull();
    expect(app.legalRepresentatives).toHaveLength(8);
    expect(ApplicationSchema.safeParse(app).success).toBe(true);
  });

  it('makes an existing legal representative an admin without copying the person, once', () => {
    const app = emptyApplication('first_application');
    const lr = addLegalRepresentative(app) ?? undefined;
    expect(addAdmin(app, lr)).toBe(lr);
    expect(addAdmin(app, lr)).toBeNull();
    expect(app.persons).toHaveLength(1);
  });

  it('adds an attorney when the form is signed by one, and drops them when unticked', () => {
    const app = emptyApplication('first_application');
    setAttorneyUsed(app, true);
    const id = app.powerOfAttorney.attorneyPersonId;
    expect(id).toBeDefined();
    expect(app.persons.map((p) => p.id)).toEqual([id]);
    setAttorneyUsed(app, true);
    expect(app.persons).toHaveLength(1);
    setAttorneyUsed(app, false);
    expect(app.powerOfAttorney).toEqual({ used: false });
    expect(app.persons).toEqual([]);
    expect(ApplicationSchema.safeParse(app).success).toBe(true);
  });
});
