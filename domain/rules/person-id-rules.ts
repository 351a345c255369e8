import { checkIdNumber } from '../identifiers';
import type { IdDocument } from '../model/application';
import { req, type Requirement } from './requirement';
import { RULE_TEXTS as T } from './rule-texts';

/**
 * The ID number has the right format for its type, and the document has not expired. Expiry
 * warns only: no FAQ answer nor ps-2112a says an expired ID is refused (issue 3 audit), so the
 * clerk and the approver see it but it does not stop submission. `expirySource` names the text
 * that asks for the ID itself (ps-2112a for a legal representative's ID shown at the counter).
 */
export function idDocumentRequirements(
  prefix: string,
  personId: string | undefined,
  doc: IdDocument,
  today: string,
  source: string,
  expirySource: string = source,
): Requirement[] {
  const checked = checkIdNumber(doc.type, doc.number, doc.issuingCountry);
  const out: Requirement[] = [
    req(`${prefix}.id-number`, checked.valid, source, T.idNumber, {
      personId,
      params: { value: checked.value },
      ...(checked.problem ? { missingKey: checked.problem.key } : {}),
    }),
  ];
  if (doc.expiry !== undefined) {
    out.push(req(`${prefix}.id-expiry`, doc.expiry >= today, expirySource, T.idExpiry, { personId, blocking: false, params: { expiry: doc.expiry } }));
  }
  return out;
}
