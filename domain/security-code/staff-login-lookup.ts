import { checkIdNumber, normaliseIdText } from '../identifiers';
import type { ReferenceStaffLogin } from '../rules/requirement';
import type { IdDocumentType } from '../model/codes';

/** The staff login by entity number and login id, matched as the rules engine matches them (FAQ 11: a login belongs to one entity). */
export function findStaffLogin(logins: readonly ReferenceStaffLogin[], entityNumber: string, loginId: string): ReferenceStaffLogin | undefined {
  const entity = normaliseIdText(entityNumber);
  const id = loginId.trim().toLowerCase();
  return logins.find((l) => l.loginId.toLowerCase() === id && normaliseIdText(l.entityNumber) === entity);
}

export const sameEntityNumber = (a: string, b: string): boolean => normaliseIdText(a) === normaliseIdText(b);

export interface SightedIdDocument {
  type: IdDocumentType;
  number: string;
  issuingCountry?: string;
}

/** FAQ 19: the document shown is the one the login was registered with (same type, same normalised number). */
export function sameIdDocument(shown: SightedIdDocument, login: ReferenceStaffLogin): boolean {
  return (
    shown.type === login.idType && checkIdNumber(shown.type, shown.number, shown.issuingCountry).value === checkIdNumber(login.idType, login.idNumber).value
  );
}
