import { MAX_LEGAL_REPRESENTATIVES, MAX_PERSONS, type Application, type Person } from '../../../../domain/model/application';
import { MAX_ADMINS } from '../../../../domain/rules';

// Edits to the persons of an application. Pure: they change the draft handed to them (the
// store's update() gives a fresh copy), so they are easy to test.

/** Stable, client-generated (domain/model PERSON_ID): requirement ids, slots and ticks use it. */
export function newPersonId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `p${Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 12)}`;
}

const blankPerson = (id: string): Person => ({ id, name: '', idDocument: { number: '' } });

export function personOf(app: Application, id: string | undefined): Person | undefined {
  return id === undefined ? undefined : app.persons.find((p) => p.id === id);
}

const referenced = (app: Application, id: string): boolean =>
  app.legalRepresentatives.some((l) => l.personId === id) || app.admins.some((a) => a.personId === id) || app.powerOfAttorney.attorneyPersonId === id;

/** A person no role refers to any more is dropped, so it is neither saved nor assessed. */
function dropIfUnused(app: Application, id: string): void {
  if (!referenced(app, id)) app.persons = app.persons.filter((p) => p.id !== id);
}

export function addLegalRepresentative(app: Application, id: string = newPersonId()): string | null {
  if (!canAddLegalRepresentative(app)) return null;
  app.persons.push(blankPerson(id));
  app.legalRepresentatives.push({ personId: id, attendsInPerson: false });
  return id;
}

export function removeLegalRepresentative(app: Application, id: string): void {
  app.legalRepresentatives = app.legalRepresentatives.filter((l) => l.personId !== id);
  dropIfUnused(app, id);
}

export const canAddAdmin = (app: Application): boolean => app.admins.length < MAX_ADMINS && app.persons.length < MAX_PERSONS;
/** Past the model's bounds every later save would be refused: the button stops first. */
export const canAddLegalRepresentative = (app: Application): boolean =>
  app.legalRepresentatives.length < MAX_LEGAL_REPRESENTATIVES && app.persons.length < MAX_PERSONS;

/** A new admin, or (FAQ 12: a person may hold several roles) an existing person as admin. */
export function addAdmin(app: Application, existingPersonId?: string): string | null {
  if (!canAddAdmin(app)) return null;
  if (existingPersonId && app.admins.some((a) => a.personId === existingPersonId)) return null;
  const id = existingPersonId ?? newPersonId();
  if (!existingPersonId) app.persons.push(blankPerson(id));
  app.admins.push({ personId: id });
  return id;
}

export function removeAdmin(app: Application, id: string): void {
  app.admins = app.admins.filter((a) => a.personId !== id);
  dropIfUnused(app, id);
}

/** FAQ 6: ticking "signed by an attorney" brings an attorney to fill in; unticking drops them. */
export function setAttorneyUsed(app: Application, used: boolean): void {
  const current = app.powerOfAttorney.attorneyPersonId;
  if (used) {
    const attorneyPersonId = current ?? newPersonId();
    if (!personOf(app, attorneyPersonId)) app.persons.push(blankPerson(attorneyPersonId));
    app.powerOfAttorney = { ...app.powerOfAttorney, used: true, attorneyPersonId };
  } else {
    app.powerOfAttorney = { used: false };
    if (current) dropIfUnused(app, current);
  }
}

export function updatePerson(app: Application, id: string, change: (p: Person) => void): void {
  const person = personOf(app, id);
  if (person) change(person);
}
