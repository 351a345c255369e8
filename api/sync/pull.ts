import { z } from 'zod';
import { ApplicationSchema } from '../../domain/model/application';
import { APPLICATION_KINDS, APPLICATION_STATUSES, ENTITY_TYPES, ID_DOCUMENT_TYPES } from '../../domain/model/codes';
import {
  Ed25519PublicKeySchema,
  InstantSchema,
  RoleSchema,
  ServicePointSchema,
  Sha256HexSchema,
  StaffNumberSchema,
  UuidSchema,
  WorkstationIdSchema,
} from './common';
import { ApplicationNumberSchema } from './push';

export const MAX_PULL_LIMIT = 1000;
export const MAX_PULL_WAIT_SECONDS = 25;

/** An opaque cursor: the client stores it and sends it back, never parses it. */
export const CursorSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/);

/** GET /v1/sync/pull — signed. No cursor: from the beginning (a snapshot). */
export const PullQuerySchema = z
  .object({
    cursor: CursorSchema.optional(),
    /** Long-poll: wait up to this many seconds for a change when there is none. 0 answers at once. */
    wait: z.coerce.number().int().min(0).max(MAX_PULL_WAIT_SECONDS).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
  })
  .strict();
export type PullQuery = z.infer<typeof PullQuerySchema>;

const HistoryEntrySchema = z
  .object({
    status: z.enum(APPLICATION_STATUSES),
    actor: StaffNumberSchema,
    at: InstantSchema,
    workstationId: WorkstationIdSchema,
    decision: z.enum(['approve', 'reject', 'return']).optional(),
    reasonCode: z.string().max(60).optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict();

/** An application of the puller's service point, as the server holds it (the workflow is the server's). */
export const ApplicationChangeSchema = z
  .object({
    recordId: UuidSchema,
    applicationNumber: ApplicationNumberSchema,
    servicePoint: ServicePointSchema,
    /** Where it was taken in. */
    workstationId: WorkstationIdSchema,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    version: z.number().int().min(1),
    application: ApplicationSchema,
    createdBy: StaffNumberSchema,
    editors: z.array(StaffNumberSchema).max(50),
    history: z.array(HistoryEntrySchema).max(200),
    blobs: z.array(Sha256HexSchema).max(200),
  })
  .strict();

/** FAQ 8 across all counters: a pending/approved first application anywhere (identity only, no form). */
export const EntityClaimChangeSchema = z
  .object({
    recordId: UuidSchema,
    applicationNumber: ApplicationNumberSchema,
    status: z.enum(APPLICATION_STATUSES),
    /** Normalised identity (domain/rules entityIdentity). */
    identity: z
      .object({
        names: z.array(z.string().max(200)).max(3),
        registrationNumbers: z.array(z.string().max(40)).max(2),
        taxpayerNumber: z.string().max(20).optional(),
        entityNumber: z.string().max(20).optional(),
      })
      .strict(),
  })
  .strict();

/** A user of the puller's service point with the verifier for offline sign-in. */
export const UserChangeSchema = z
  .object({
    staffNumber: StaffNumberSchema,
    displayName: z.string().max(200),
    roles: z.array(RoleSchema).max(3),
    servicePoints: z.array(ServicePointSchema).max(50),
    /** argon2id encoded verifier (services/auth/password-verifier.ts format); null until a password is set. */
    passwordVerifier: z.string().max(300).nullable(),
    active: z.boolean(),
  })
  .strict();

export const ReferenceEntityChangeSchema = z
  .object({
    entityNumber: z.string().min(1).max(20),
    type: z.enum(ENTITY_TYPES).optional(),
    names: z.object({ zh: z.string().max(200).optional(), pt: z.string().max(200).optional(), en: z.string().max(200).optional() }).strict(),
    registrationNumbers: z.array(z.string().min(1).max(40)).max(10),
    taxpayerNumber: z.string().max(20).optional(),
    adminCount: z.number().int().min(0).max(99).optional(),
  })
  .strict();

export const StaffLoginChangeSchema = z
  .object({
    loginId: z.string().min(1).max(60),
    entityNumber: z.string().min(1).max(20),
    idType: z.enum(ID_DOCUMENT_TYPES),
    idNumber: z.string().min(1).max(40),
    activated: z.boolean(),
    faceRecognition: z.enum(['enabled', 'disabled', 'locked']),
    /** FAQ 19: the security code is on (set by the server when it confirms an eid.enable); absent = off. */
    securityCode: z.enum(['enabled', 'disabled']).optional(),
  })
  .strict();

/** Another workstation's receipt-signing key (issue 6), or its revocation. */
export const WorkstationKeyChangeSchema = z
  .object({
    workstationId: WorkstationIdSchema,
    servicePoint: ServicePointSchema,
    receiptPublicKey: Ed25519PublicKeySchema.nullable(),
    revoked: z.boolean(),
  })
  .strict();

export const SettingChangeSchema = z.object({ key: z.string().min(1).max(80), value: z.unknown() }).strict();

/**
 * One change in commit order. `id` names the thing within its kind; a later change of the same
 * kind and id replaces the earlier one; `deleted: true` removes it (data is then null).
 */
const change = <K extends string, D extends z.ZodType>(kind: K, data: D) =>
  z.object({ kind: z.literal(kind), id: z.string().min(1).max(200), deleted: z.boolean(), data: data.nullable() }).strict();

export const ChangeSchema = z.discriminatedUnion('kind', [
  change('application', ApplicationChangeSchema),
  change('entity_claim', EntityClaimChangeSchema),
  change('user', UserChangeSchema),
  change('reference_entity', ReferenceEntityChangeSchema),
  change('staff_login', StaffLoginChangeSchema),
  change('workstation_key', WorkstationKeyChangeSchema),
  change('setting', SettingChangeSchema),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type ChangeKind = Change['kind'];

export const PullResponseSchema = z
  .object({
    changes: z.array(ChangeSchema).max(MAX_PULL_LIMIT),
    /** Send this next time. Store it only after the changes are applied durably. */
    cursor: CursorSchema,
    /** More changes are waiting: pull again at once. */
    hasMore: z.boolean(),
    epoch: UuidSchema,
    serverTime: InstantSchema,
  })
  .strict();
export type PullResponse = z.infer<typeof PullResponseSchema>;
