import { checkIdNumber } from '../identifiers';
import type { IdDocument } from '../model/application';
import { req, type Requirement } from './requirement';

/** The ID number has the right format for its type, and the document has not expired. */
export function idDocumentRequirements(prefix: string, personId: string | undefined, doc: IdDocument, today: string, source: string): Requirement[] {
  const checked = checkIdNumber(doc.type, doc.number, doc.issuingCountry);
  const out: Requirement[] = [
    req(`${prefix}.id-number`, checked.valid, source, checked.problem?.key ?? 'rules.id.valid', {
      personId,
      params: { value: checked.value },
    }),
  ];
  if (doc.expiry !== undefined) {
    out.push(req(`${prefix}.id-expiry`, doc.expiry >= today, source, 'rules.id.expired', { personId, params: { expiry: doc.expiry } }));
  }
  return out;
}
