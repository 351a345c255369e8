import { z } from 'zod';
import { APPLICATION_KINDS, CHANGE_TYPES, ENTITY_TYPES, ID_DOCUMENT_TYPES, SIGHTING_KINDS, type ApplicationKind } from './codes';

// The schema admits half-typed drafts (the clerk saves every keystroke): almost everything is
// optional or defaulted. Whether a draft is complete is the rules engine's job (domain/rules).
// Objects are strict and strings/arrays bounded because the renderer is not trusted.

const text = (max: number) => z.string().max(max);

/** Bounds of a form (the renderer is untrusted); the UI stops adding people at the same limits. */
export const MAX_LEGAL_REPRESENTATIVES = 8;
export const MAX_PERSONS = 16;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const boundedRecord = <T extends z.ZodType>(keyPattern: RegExp, value: T, max: number) =>
  z.record(z.string().regex(keyPattern).max(120), value).refine((r) => Object.keys(r).length <= max, { message: `at most ${max} entries` });

export const PERSON_ID = /^[A-Za-z0-9_-]{1,40}$/;
/** Attachment ids are the SHA-256 hex of the scan. */
export const AttachmentIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const NamesSchema = z.object({ zh: text(200).optional(), pt: text(200).optional(), en: text(200).optional() }).strict();
export type Names = z.infer<typeof NamesSchema>;

export const AddressSchema = z.object({ zh: text(300).optional(), pt: text(300).optional(), en: text(300).optional() }).strict();

export const ContactSchema = z
  .object({ phone: text(40).optional(), mobile: text(40).optional(), email: text(254).optional(), contactPerson: text(200).optional() })
  .strict();
export type Contact = z.infer<typeof ContactSchema>;

export const EntitySchema = z
  .object({
    type: z.enum(ENTITY_TYPES).optional(),
    names: NamesSchema.default({}),
    /** Commercial registration number (商業登記編號), companies and business owners. */
    commercialRegistrationNumber: text(40).optional(),
    /** Association/foundation registration number at the Identification Services Bureau. */
    associationRegistrationNumber: text(40).optional(),
    /** Date the statutes were published in the Official Gazette (associations, foundations). */
    statutesPublicationDate: isoDate.optional(),
    taxpayerNumber: text(20).optional(),
    address: AddressSchema.default({}),
    contact: ContactSchema.default({}),
    /** Known once the entity has an account (changes, security code, face recognition). */
    entityNumber: text(20).optional(),
  })
  .strict();
export type Entity = z.infer<typeof EntitySchema>;

export const IdDocumentSchema = z
  .object({
    type: z.enum(ID_DOCUMENT_TYPES).optional(),
    number: text(40).default(''),
    /** FAQ 5: some IDs (e.g. HK ID, mainland ID) carry no signature specimen. */
    bearsSignatureSpecimen: z.boolean().optional(),
    expiry: isoDate.optional(),
    /** Passports only: issuing country (ISO 3166 alpha-3 or name). */
    issuingCountry: text(60).optional(),
  })
  .strict();
export type IdDocument = z.infer<typeof IdDocumentSchema>;

export const PersonSchema = z
  .object({
    /** Client-generated and stable: requirement ids, slots and ticks refer to it. */
    id: z.string().regex(PERSON_ID),
    name: text(200).default(''),
    idDocument: IdDocumentSchema.default({ number: '' }),
    mobile: text(40).optional(),
    email: text(254).optional(),
  })
  .strict();
export type Person = z.infer<typeof PersonSchema>;

export const LegalRepresentativeSchema = z
  .object({
    personId: z.string().regex(PERSON_ID),
    /** FAQ 5: an ID without signature specimen is accepted when the person signs at the counter. */
    attendsInPerson: z.boolean().default(false),
  })
  .strict();

export const AdminRoleSchema = z.object({ personId: z.string().regex(PERSON_ID) }).strict();

export const PowerOfAttorneySchema = z
  .object({
    used: z.boolean().default(false),
    attorneyPersonId: z.string().regex(PERSON_ID).optional(),
    /** FAQ 6: the signature on the POA is notarised. */
    notarisedSignature: z.boolean().optional(),
  })
  .strict();

export const ChangeOfDataSchema = z
  .object({
    changes: z.array(z.enum(CHANGE_TYPES)).max(CHANGE_TYPES.length).default([]),
    /** Entity admins to remove, by name or login id as written on the form. */
    removedAdmins: z.array(text(200)).max(3).default([]),
  })
  .strict();

export const SecurityCodeSchema = z
  .object({
    staffLoginId: text(60).optional(),
    entityNumber: text(20).optional(),
    idDocumentShown: IdDocumentSchema.default({ number: '' }),
    /** The clerk confirmed with the person that the staff login is activated. */
    loginActivated: z.boolean().optional(),
    /** What the counter scanner read from the QR shown on the person's phone. */
    qrPayload: text(2000).optional(),
  })
  .strict();

export const FaceRecognitionSchema = z
  .object({
    staffLoginId: text(60).optional(),
    entityNumber: text(20).optional(),
    idDocumentShown: IdDocumentSchema.default({ number: '' }),
  })
  .strict();

/** How a document was sighted at the counter and the scans attached to it. */
export const DocumentRecordSchema = z
  .object({
    sighting: z.enum(SIGHTING_KINDS).default('none'),
    attachments: z.array(AttachmentIdSchema).max(20).default([]),
  })
  .strict();
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

/** An eye-check tick: who ticked and when. */
export const TickSchema = z.object({ by: text(40).min(1), at: z.string().max(40) }).strict();
export type Tick = z.infer<typeof TickSchema>;

/**
 * FAQ 8 (issue 13, item 7): an entity or application with the same name only, which the clerk
 * compared and recorded as another entity: why, and (stamped by the core, like a tick) who and when.
 */
export const DistinctEntitySchema = z
  .object({
    reason: text(500),
    /** What it was compared with, as the clerk saw it (entity number or application number, names). */
    subject: text(300).optional(),
    by: text(40).min(1),
    at: z.string().max(40),
  })
  .strict();
export type DistinctEntity = z.infer<typeof DistinctEntitySchema>;

export const ApplicationSchema = z
  .object({
    kind: z.enum(APPLICATION_KINDS),
    entity: EntitySchema.default({ names: {}, address: {}, contact: {} }),
    persons: z.array(PersonSchema).max(MAX_PERSONS).default([]),
    legalRepresentatives: z.array(LegalRepresentativeSchema).max(MAX_LEGAL_REPRESENTATIVES).default([]),
    /** ps-2112a: 1 to 3; the schema admits more so the rules engine can say why not. */
    admins: z.array(AdminRoleSchema).max(8).default([]),
    powerOfAttorney: PowerOfAttorneySchema.default({ used: false }),
    change: ChangeOfDataSchema.default({ changes: [], removedAdmins: [] }),
    securityCode: SecurityCodeSchema.default({ idDocumentShown: { number: '' } }),
    faceRecognition: FaceRecognitionSchema.default({ idDocumentShown: { number: '' } }),
    /** Keyed by document slot (see domain/rules/slots.ts). */
    documents: boundedRecord(/^[A-Za-z0-9_.-]+$/, DocumentRecordSchema, 64).default({}),
    /** Keyed by check id (see domain/rules/slots.ts). */
    checks: boundedRecord(/^[A-Za-z0-9_.-]+$/, TickSchema, 128).default({}),
    /** Keyed by `distinctKey` (domain/rules); absent on applications stored before it existed. */
    distinctEntities: boundedRecord(/^[A-Za-z0-9_.-]+$/, DistinctEntitySchema, 16).optional(),
    notes: text(2000).optional(),
  })
  .strict();

export type Application = z.infer<typeof ApplicationSchema>;
export type ApplicationInput = z.input<typeof ApplicationSchema>;

export function emptyApplication(kind: ApplicationKind): Application {
  return ApplicationSchema.parse({ kind });
}
