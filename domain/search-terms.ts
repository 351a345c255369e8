import { checkIdNumber, normaliseIdText } from './identifiers';
import type { Application, IdDocument } from './model/application';

export { entityIdentity } from './rules/entity-identity';

export interface ApplicationSearchTerms {
  entityNames: string[];
  registrationNumbers: string[];
  idNumbers: string[];
}

/** Each term once, empty ones dropped (the store indexes what this gives). */
export const uniqueTerms = (xs: readonly string[]): string[] => [...new Set(xs.filter((x) => x !== ''))];

/** A name as typed and as searched: full-width forms folded, runs of spaces one space. */
export const normaliseName = (s: string | undefined): string => (s ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
const idNumber = (d: IdDocument) => (d.number.trim() === '' ? '' : checkIdNumber(d.type, d.number, d.issuingCountry).value);

/** What the store indexes an application by: entity names, its numbers, people's ID numbers. */
export function searchTerms(app: Application): ApplicationSearchTerms {
  const e = app.entity;
  return {
    entityNames: uniqueTerms([e.names.zh, e.names.pt, e.names.en].map(normaliseName)),
    registrationNumbers: uniqueTerms(
      [
        e.commercialRegistrationNumber,
        e.associationRegistrationNumber,
        e.taxpayerNumber,
        e.entityNumber,
        app.securityCode.entityNumber,
        app.faceRecognition.entityNumber,
      ].map((n) => normaliseIdText(n ?? '')),
    ),
    idNumbers: uniqueTerms([
      ...app.persons.map((p) => idNumber(p.idDocument)),
      idNumber(app.securityCode.idDocumentShown),
      idNumber(app.faceRecognition.idDocumentShown),
    ]),
  };
}
