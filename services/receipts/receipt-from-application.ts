import { translate } from '../../i18n';
import type { Application, Person } from '../../domain/model/application';
import type { ReceiptDocument, ReceiptDocumentKind, ReceiptInputData } from '../../domain/receipt/receipt-input';

// Maps a stored application onto what a receipt prints. Pure: the service supplies the
// application as the one repository parsed it (services/intake/application-repository.ts),
// the page counts of its scans and who/where/when; nothing here reads the store or parses JSON.

export interface ReceiptFacts {
  applicationNumber: string;
  /** The application, typed: loaded and parsed once by the application repository. */
  application: Application;
  issuedAt: string;
  servicePoint: { code: string; nameZh: string; namePt: string; nameEn?: string };
  workstationId: string;
  /** Staff number of the clerk who took the application in (never the name). */
  clerkStaffNumber: string;
  /** Pages scanned per document slot (store.attachments.list). */
  pagesBySlot: ReadonlyMap<string, number>;
  reprintCount: number;
}

export type ReceiptMapping = { ok: true; input: ReceiptInputData } | { ok: false; reason: string };

interface SlotDocument {
  kind: ReceiptDocumentKind;
  person?: Person | undefined;
  /** For kind 'other': what it is, in zh/pt/en. */
  label?: { zh: string; pt: string; en: string };
}

const idShownLabel = () => ({
  zh: translate('zh-Hant', 'receipts.doc.idShown'),
  pt: translate('pt', 'receipts.doc.idShown'),
  en: translate('en', 'receipts.doc.idShown'),
});

/** Which receipt line a document slot (domain/rules/slots.ts) is. */
export function documentForSlot(slot: string, app: Application): SlotDocument {
  const person = (id: string | undefined) => app.persons.find((p) => p.id === id);
  const perPerson = /^(lr|admin)\.([A-Za-z0-9_-]{1,40})\.(id|signed-id)$/.exec(slot);
  if (perPerson) return { kind: perPerson[1] === 'lr' ? 'legal_rep_id' : 'admin_id', person: person(perPerson[2]) };
  switch (slot) {
    case 'paper.application_form':
      // ps-2112b: a change of data is asked for on its own form.
      return { kind: app.kind === 'change_of_data' ? 'change_form' : 'application_form' };
    case 'paper.agreement':
      return { kind: 'agreement' };
    case 'paper.admin_form':
      return { kind: 'admin_form' };
    case 'poa':
      return { kind: 'power_of_attorney' };
    case 'attorney.id':
      return { kind: 'attorney_id', person: person(app.powerOfAttorney.attorneyPersonId) };
    case 'security_code.id':
    case 'face_recognition.id':
      // FAQ 18, 19: the staff login's holder shows an ID at the counter.
      return { kind: 'other', label: idShownLabel() };
    default:
      // A slot added later without a receipt line: still listed, under its own name.
      return { kind: 'other', label: { zh: slot, pt: slot, en: slot } };
  }
}

/** Documents of which the counter keeps a copy (FAQ 5, 6; ps-2112a), scanned when handed in. */
const COPY_KEPT_KINDS: ReadonlySet<SlotDocument['kind']> = new Set(['legal_rep_id', 'admin_id', 'attorney_id']);

const nonEmpty = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s.trim() : undefined);

export function receiptInputFromApplication(facts: ReceiptFacts): ReceiptMapping {
  const app = facts.application;
  const names = { nameZh: nonEmpty(app.entity.names.zh), namePt: nonEmpty(app.entity.names.pt), nameEn: nonEmpty(app.entity.names.en) };
  const named = names.nameZh !== undefined || names.namePt !== undefined || names.nameEn !== undefined;
  // The later forms name an existing account by its entity number; its type and names are
  // not required there (entity-rules.ts, staff-login-rules.ts), so the receipt may not need them.
  const entityNumber =
    app.kind === 'first_application'
      ? undefined
      : (nonEmpty(app.entity.entityNumber) ??
        nonEmpty(
          app.kind === 'security_code' ? app.securityCode.entityNumber : app.kind === 'face_recognition' ? app.faceRecognition.entityNumber : undefined,
        ));
  if (app.kind === 'first_application') {
    if (!app.entity.type) return { ok: false, reason: 'entity type missing' };
    if (!named) return { ok: false, reason: 'entity name missing' };
  } else if (!named && entityNumber === undefined) return { ok: false, reason: 'entity name and number missing' };

  const documents: ReceiptDocument[] = [];
  // Slots in the application's order; a slot with neither a sighting nor a scan was not handed in.
  for (const [slot, record] of Object.entries(app.documents)) {
    const pages = facts.pagesBySlot.get(slot) ?? 0;
    if (record.sighting === 'none' && pages === 0) continue;
    const d = documentForSlot(slot, app);
    const personName = nonEmpty(d.person?.name);
    const idNumber = nonEmpty(d.person?.idDocument.number);
    documents.push({
      kind: d.kind,
      ...(d.label ? { label: d.label } : {}),
      ...(personName
        ? { person: { name: personName, ...(d.person?.idDocument.type ? { idType: d.person.idDocument.type } : {}), ...(idNumber ? { idNumber } : {}) } }
        : {}),
      sighting: record.sighting,
      // FAQ 5/6: a copy (plain or certified) is handed in and stays with the application;
      // an original is only sighted and given back. An ID shown in original whose copy the
      // rules require (any non-Macau ID, an admin's or attorney's ID) was copied and scanned
      // at the counter: that copy is kept too.
      copyKept: record.sighting === 'copy' || record.sighting === 'certified_copy' || (pages > 0 && COPY_KEPT_KINDS.has(d.kind)),
      pagesScanned: Math.min(pages, 999),
    });
  }
  const pagesScanned = [...facts.pagesBySlot.values()].reduce((a, b) => a + b, 0);

  // FAQ 15: activation codes go by SMS to the admins' registered mobiles (new admins only).
  const smsToAdmins = app.kind === 'first_application' || (app.kind === 'change_of_data' && app.change.changes.includes('add_admin'));
  const adminMobiles = smsToAdmins
    ? app.admins
        .map((a) => nonEmpty(app.persons.find((p) => p.id === a.personId)?.mobile))
        .filter((m): m is string => m !== undefined)
        .slice(0, 3)
    : [];

  return {
    ok: true,
    input: {
      applicationNumber: facts.applicationNumber,
      kind: app.kind,
      changes: app.kind === 'change_of_data' ? app.change.changes : [],
      entity: {
        ...(app.entity.type ? { type: app.entity.type } : {}),
        ...Object.fromEntries(Object.entries(names).filter(([, v]) => v !== undefined)),
        ...(entityNumber !== undefined ? { entityNumber } : {}),
      },
      issuedAt: facts.issuedAt,
      servicePoint: facts.servicePoint,
      workstationId: facts.workstationId,
      clerkStaffNumber: facts.clerkStaffNumber,
      documents: documents.slice(0, 60),
      pagesScanned: Math.min(pagesScanned, 9999),
      adminMobiles,
      reprintCount: facts.reprintCount,
    },
  };
}
