import { z } from 'zod';
import { ApplicationSchema } from '../../domain/model/application';
import { APPLICATION_KINDS, APPLICATION_STATUSES, ENTITY_TYPES } from '../../domain/model/codes';
import { isMessageKey, type MessageKey } from '../../i18n';
import { id, isoTime, method, text } from './schema-helpers';

// Clerk intake (issue 5): the paper form typed in, assessed by the rules engine on every
// save, submitted for approval with an application number. The application payload is the
// domain model itself: it is strict and bounded, and admits half-typed drafts.

const messageKey = z.custom<MessageKey>((v) => typeof v === 'string' && isMessageKey(v), 'unknown message key');

export const RequirementSchema = z
  .object({
    id: z.string(),
    status: z.enum(['met', 'missing', 'not_applicable']),
    blocking: z.boolean(),
    source: z.string(),
    message: z.object({ key: messageKey, params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).strict(),
    personId: z.string().optional(),
    slot: z.string().optional(),
    checkId: z.string().optional(),
    /** FAQ 8: where the clerk records that a same-name entity is another one (issue 13, item 7). */
    distinctKey: z.string().optional(),
  })
  .strict();

/** The rules' verdict on a form: every requirement and how many block. */
export const AssessmentSchema = z.object({ requirements: z.array(RequirementSchema), blockingCount: z.number().int() }).strict();

export const DuplicateSchema = z
  .object({
    source: z.enum(['reference', 'local']),
    entityNumber: z.string().optional(),
    applicationId: z.string().optional(),
    applicationNumber: z.string().nullable().optional(),
    names: z.array(z.string()),
  })
  .strict();

export const IntakeRecordSchema = z
  .object({
    id,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    revision: z.number().int(),
    applicationNumber: z.string().nullable(),
    application: ApplicationSchema,
    assessment: AssessmentSchema,
    duplicates: z.array(DuplicateSchema),
    /** Submitted, approved or rejected: the clerk can look but not change (corrections come back as `returned`). */
    readOnly: z.boolean(),
    /** Staff number → display name of everyone who ticked an eye check on this application. */
    tickers: z.record(z.string(), z.string()),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .strict();

export const IntakeSummarySchema = z
  .object({
    id,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    applicationNumber: z.string().nullable(),
    entityNames: z.array(z.string()),
    createdAt: isoTime,
    updatedAt: isoTime,
    synced: z.boolean(),
  })
  .strict();

export const ReferenceEntityViewSchema = z
  .object({
    entityNumber: z.string(),
    type: z.enum(ENTITY_TYPES).optional(),
    names: z.object({ zh: z.string().optional(), pt: z.string().optional(), en: z.string().optional() }).strict(),
    registrationNumbers: z.array(z.string()),
    taxpayerNumber: z.string().optional(),
    adminCount: z.number().int().optional(),
  })
  .strict();

const revision = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const intakeContract = {
  /** With `entityNumber` (change of data, security code, face recognition) the entity is pre-filled from reference data. */
  'intake.create': method(z.object({ kind: z.enum(APPLICATION_KINDS), entityNumber: text(20).min(1).optional() }).strict(), IntakeRecordSchema),
  'intake.get': method(z.object({ id }).strict(), IntakeRecordSchema),
  /** Autosave. Tick by/at are stamped by the core; the renderer's values are ignored. */
  'intake.save': method(z.object({ id, expectedRevision: revision, application: ApplicationSchema }).strict(), IntakeRecordSchema),
  'intake.submit': method(z.object({ id, expectedRevision: revision }).strict(), IntakeRecordSchema),
  /** Issue 5: throw away a never-submitted draft of one's own (FAQ 8 duplicate, started by mistake). */
  'intake.discard': method(z.object({ id, expectedRevision: revision }).strict(), z.object({ id, status: z.literal('discarded') }).strict()),
  'intake.list': method(
    z
      .object({
        query: text(100).optional(),
        statuses: z.array(z.enum(APPLICATION_STATUSES)).max(APPLICATION_STATUSES.length).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    z.array(IntakeSummarySchema),
  ),
  'reference.findEntities': method(z.object({ query: text(100).min(1) }).strict(), z.array(ReferenceEntityViewSchema)),
};
