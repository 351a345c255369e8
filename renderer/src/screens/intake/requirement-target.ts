import type { Requirement } from '../../../../domain/rules';

// Where the clerk fixes a requirement: clicking a checklist item moves focus there. Form
// fields carry `data-field` names (TextField keeps its own id for the label), checklist
// controls `data-check` / `data-sighting` names.

export const field = {
  entity: (name: string) => `entity.${name}`,
  person: (personId: string, name: string) => `person.${personId}.${name}`,
  lrInPerson: (personId: string) => `lr.${personId}.in-person`,
  poa: (name: string) => `poa.${name}`,
  addLr: 'lr.add',
  addAdmin: 'admin.add',
  changes: 'change.changes',
  removedAdmins: 'change.removed-admins',
};

const ENTITY_FIELDS: Record<string, string> = {
  'entity.type': 'type',
  'entity.name': 'name-zh',
  'entity.commercial-registration': 'commercial-registration',
  'entity.association-registration': 'association-registration',
  'entity.statutes-date': 'statutes-date',
  'entity.taxpayer-number': 'taxpayer-number',
  'entity.contact': 'phone',
  'entity.entity-number': 'entity-number',
  'entity.no-existing-account': 'name-zh',
  'entity.no-pending-application': 'name-zh',
};

/** A CSS selector for the control that fixes this requirement, or null (e.g. the fee). */
export function targetOf(r: Requirement, attorneyPersonId?: string): string | null {
  const entity = ENTITY_FIELDS[r.id];
  if (entity) return `[data-field="${field.entity(entity)}"]`;
  if (r.id === 'lr.count') return `[data-field="${field.addLr}"]`;
  if (r.id === 'admins.count') return `[data-field="${field.addAdmin}"]`;
  if (r.id === 'change.changes') return `[data-field="${field.changes}"]`;
  if (r.id === 'change.removed-admins') return `[data-field="${field.removedAdmins}"]`;
  if (r.id === 'poa.attorney') return `[data-field="${field.poa('used')}"]`;
  if (r.id === 'poa.notarised') return `[data-field="${field.poa('notarised')}"]`;
  const person = r.personId ?? (r.id.startsWith('poa.attorney.') ? attorneyPersonId : undefined);
  if (person) {
    if (/\.name$/.test(r.id)) return `[data-field="${field.person(person, 'name')}"]`;
    if (/\.id-number$/.test(r.id)) return `[data-field="${field.person(person, 'id-number')}"]`;
    if (/\.id-expiry$/.test(r.id)) return `[data-field="${field.person(person, 'id-expiry')}"]`;
    if (/\.mobile$/.test(r.id)) return `[data-field="${field.person(person, 'mobile')}"]`;
    if (/\.email$/.test(r.id)) return `[data-field="${field.person(person, 'email')}"]`;
    if (/\.signature-specimen$/.test(r.id)) return `[data-field="${field.lrInPerson(person)}"]`;
    if (/\.specimen-stated$/.test(r.id)) return `[data-field="${field.person(person, 'specimen')}"]`;
  }
  if (r.checkId) return `[data-check="${r.checkId}"]`;
  if (r.slot) return `[data-sighting="${r.slot}"]`;
  return null;
}
