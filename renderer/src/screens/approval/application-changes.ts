import type { Application, IdDocument, Person } from '../../../../domain/model/application';
import type { TranslateFn } from '../../i18n/locale-store';
import type { Locale } from '../../../../i18n';
import { formatDay } from './format-time';
import { slotLabel } from './slot-label';

// What changed between the form a supervisor returned and the one submitted again (issue 13
// item 11), field by field, in the words the review's data pane uses. Both forms are flattened
// into labelled values keyed by what the field is about (a person by id, a document by slot),
// so a reordered list or a person added in between does not show as every field changed.

export interface FieldChange {
  key: string;
  label: string;
  /** '' where the field was empty or absent. */
  before: string;
  after: string;
}

type Fields = Map<string, { label: string; value: string }>;

const yesNo = (t: TranslateFn, v: boolean | undefined) => (v === undefined ? '' : t(v ? 'approval.data.yes' : 'approval.data.no'));

function flatten(t: TranslateFn, locale: Locale, app: Application): Fields {
  const day = (iso: string | undefined) => (iso ? formatDay(locale, iso) : undefined);
  const out: Fields = new Map();
  const put = (key: string, label: string, value: string | undefined) => out.set(key, { label, value: (value ?? '').trim() });
  const under = (heading: string, label: string) => `${heading} · ${label}`;

  if (app.kind === 'change_of_data') {
    put('change.changes', t('intake.section.changes'), app.change.changes.map((c) => t(`intake.change.${c}`)).join('、'));
    app.change.removedAdmins.forEach((name, i) => put(`change.removedAdmin.${i}`, t('intake.change.removedAdmin', { n: i + 1 }), name));
  }
  const e = app.entity;
  const entityHeading = t('intake.section.entity');
  const entity = (key: string, labelKey: Parameters<TranslateFn>[0], value: string | undefined) =>
    put(`entity.${key}`, under(entityHeading, t(labelKey)), value);
  entity('entityNumber', 'intake.entity.entityNumber', e.entityNumber);
  entity('type', 'intake.entity.type', e.type ? t(`entityType.${e.type}`) : undefined);
  entity('names.zh', 'intake.entity.nameZh', e.names.zh);
  entity('names.pt', 'intake.entity.namePt', e.names.pt);
  entity('names.en', 'intake.entity.nameEn', e.names.en);
  entity('commercialRegistration', 'intake.entity.commercialRegistration', e.commercialRegistrationNumber);
  entity('associationRegistration', 'intake.entity.associationRegistration', e.associationRegistrationNumber);
  entity('statutesDate', 'intake.entity.statutesDate', day(e.statutesPublicationDate));
  entity('taxpayerNumber', 'intake.entity.taxpayerNumber', e.taxpayerNumber);
  entity('address.zh', 'intake.entity.addressZh', e.address.zh);
  entity('address.pt', 'intake.entity.addressPt', e.address.pt);
  entity('address.en', 'approval.data.addressEn', e.address.en);
  entity('contact.phone', 'intake.contact.phone', e.contact.phone);
  entity('contact.mobile', 'intake.contact.mobile', e.contact.mobile);
  entity('contact.email', 'intake.contact.email', e.contact.email);
  entity('contact.person', 'intake.contact.person', e.contact.contactPerson);

  const idFields = (key: string, heading: string, d: IdDocument) => {
    put(`${key}.idType`, under(heading, t('intake.person.idType')), d.type ? t(`intake.idType.${d.type}`) : undefined);
    put(`${key}.idNumber`, under(heading, t('intake.person.idNumber')), d.number);
    put(`${key}.issuingCountry`, under(heading, t('intake.person.issuingCountry')), d.issuingCountry);
    put(`${key}.idExpiry`, under(heading, t('intake.person.idExpiry')), day(d.expiry));
    put(
      `${key}.specimen`,
      under(heading, t('intake.person.specimen')),
      d.bearsSignatureSpecimen === undefined ? undefined : t(d.bearsSignatureSpecimen ? 'intake.person.specimen.yes' : 'intake.person.specimen.no'),
    );
  };
  // A person is headed by their role(s) on this form and their name, as the data pane heads them.
  const roles = new Map<string, string[]>();
  const addRole = (id: string | undefined, role: string) => id && roles.set(id, [...(roles.get(id) ?? []), role]);
  app.legalRepresentatives.forEach((lr, i) => addRole(lr.personId, t('intake.lr.n', { n: i + 1 })));
  app.admins.forEach((a, i) => addRole(a.personId, t('intake.admin.n', { n: i + 1 })));
  if (app.powerOfAttorney.used) addRole(app.powerOfAttorney.attorneyPersonId, t('approval.data.attorney'));
  for (const p of app.persons as Person[]) {
    const heading = [...(roles.get(p.id) ?? []), p.name.trim()].filter(Boolean).join(' · ');
    const key = `person.${p.id}`;
    put(`${key}.name`, under(heading, t('intake.person.name')), p.name);
    idFields(key, heading, p.idDocument);
    put(`${key}.mobile`, under(heading, t('intake.person.mobile')), p.mobile);
    put(`${key}.email`, under(heading, t('intake.person.email')), p.email);
  }
  app.legalRepresentatives.forEach((lr, i) =>
    put(`lr.${lr.personId}.inPerson`, under(t('intake.lr.n', { n: i + 1 }), t('approval.data.inPerson')), yesNo(t, lr.attendsInPerson)),
  );
  put('poa.used', t('intake.poa.used'), yesNo(t, app.powerOfAttorney.used));
  if (app.powerOfAttorney.used) put('poa.notarised', t('intake.poa.notarised'), yesNo(t, app.powerOfAttorney.notarisedSignature));

  if (app.kind === 'security_code' || app.kind === 'face_recognition') {
    const part = app.kind === 'security_code' ? app.securityCode : app.faceRecognition;
    const heading = t(`kind.${app.kind}`);
    put('login.staffLoginId', under(heading, t('approval.data.staffLoginId')), part.staffLoginId);
    put('login.entityNumber', under(heading, t('intake.entity.entityNumber')), part.entityNumber);
    if (app.kind === 'security_code') {
      put('login.activated', under(heading, t('approval.data.loginActivated')), yesNo(t, app.securityCode.loginActivated));
      put('login.qrPayload', under(heading, t('approval.data.qrPayload')), app.securityCode.qrPayload);
    }
    idFields('login.idShown', under(heading, t('receipts.doc.idShown')), part.idDocumentShown);
  }
  for (const [slot, d] of Object.entries(app.documents)) {
    const doc = slotLabel(t, slot, app);
    put(`doc.${slot}.sighting`, doc, d.sighting === 'none' && d.attachments.length === 0 ? '' : t(`intake.sighting.${d.sighting}`));
    put(
      `doc.${slot}.scans`,
      under(doc, t('approval.review.scans')),
      d.attachments.length > 0 ? t('approval.review.scanCount', { count: d.attachments.length }) : '',
    );
  }
  for (const [key, d] of Object.entries(app.distinctEntities ?? {}))
    put(`distinct.${key}`, under(t('approval.data.distinct.title'), d.subject ?? key), d.reason);
  put('notes', t('approval.data.notes'), app.notes);
  return out;
}

/** The fields whose value differs, in the order of the form as submitted now (removed fields last). */
export function applicationChanges(t: TranslateFn, before: Application, after: Application, locale: Locale): FieldChange[] {
  const was = flatten(t, locale, before);
  const now = flatten(t, locale, after);
  const out: FieldChange[] = [];
  for (const [key, f] of now) {
    const old = was.get(key)?.value ?? '';
    if (old !== f.value) out.push({ key, label: f.label, before: old, after: f.value });
  }
  for (const [key, f] of was) if (!now.has(key) && f.value !== '') out.push({ key, label: f.label, before: f.value, after: '' });
  return out;
}
