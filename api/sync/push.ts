import { z } from 'zod';
import { ApplicationSchema } from '../../domain/model/application';
import { APPLICATION_STATUSES } from '../../domain/model/codes';
import { REJECTION_REASONS } from '../../domain/workflow/application-workflow';
import { EnablementOpPayloadSchema } from '../contracts/security-code-contract';
import { InstantSchema, ProtocolVersionSchema, RefusalSchema, Sha256HexSchema, StaffNumberSchema, UuidSchema, UuidV7Schema } from './common';

/** Ops per push, and scans per op. A longer outbox is sent in several pushes. */
export const MAX_OPS_PER_PUSH = 100;
export const MAX_BLOBS_PER_OP = 200;

/** The application number printed on the receipt (domain/application-number.ts), e.g. SP01-W03-20261123-0042-K. */
export const ApplicationNumberSchema = z.string().regex(/^[A-Z0-9]{2,6}-[A-Z0-9]{1,4}-\d{8}-\d{4}-[0-9A-Z]$/);

// ---- op payloads, one per op type --------------------------------------------------------

/** application.submit: a form taken in at this counter enters the approval queue (record new on the server, baseVersion 0). */
export const SubmitPayloadSchema = z
  .object({
    applicationNumber: ApplicationNumberSchema,
    application: ApplicationSchema,
    /** Who took the form in (the draft's creator) and who edited it: nobody of these may decide on it (four eyes). */
    createdBy: StaffNumberSchema,
    editors: z.array(StaffNumberSchema).max(50).default([]),
  })
  .strict();

/** application.resubmit: the clerk corrected a returned form and sends it back to the queue. */
export const ResubmitPayloadSchema = z
  .object({
    application: ApplicationSchema,
    editors: z.array(StaffNumberSchema).max(50).default([]),
  })
  .strict();

/** application.decide: a supervisor's decision. reject needs reasonCode, return needs notes (domain/workflow). */
export const DecidePayloadSchema = z
  .object({
    decision: z.enum(['approve', 'reject', 'return']),
    reasonCode: z.enum(REJECTION_REASONS).optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict();

/**
 * eid.enable (issue 16, FAQ 18/19): a security code enabled (or face recognition re-enabled) at
 * the counter. The server runs the same checks (domain/security-code) on its reference data,
 * consumes the QR's nonce once for all counters and marks the login's tool on. recordId is the
 * enablement's id; baseVersion 0; no scans.
 */
export const EnablePayloadSchema = EnablementOpPayloadSchema;

export const OP_TYPES = ['application.submit', 'application.resubmit', 'application.decide', 'eid.enable'] as const;
export type OpType = (typeof OP_TYPES)[number];

const opBase = {
  /** Client-generated UUIDv7; deduplicated permanently per workstation. */
  opId: UuidV7Schema,
  /** Gap-free per workstation, starting at 1, in outbox order. */
  clientSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** The application's id (the workstation's UUID for it, kept by the server). */
  recordId: UuidSchema,
  /** The server version the op was based on: 0 for a submit, the version last pulled otherwise. */
  baseVersion: z.number().int().min(0),
  /** SHA-256 (hex) of canonicalJson(payload) as UTF-8. */
  payloadSha256: Sha256HexSchema,
  /** SHA-256s of every scan the payload references (application.documents[*].attachments). */
  blobs: z.array(Sha256HexSchema).max(MAX_BLOBS_PER_OP).default([]),
  /** The person who did it (their staff number); the server checks their role and service point. */
  actor: StaffNumberSchema,
  /**
   * The server session (SessionResponse.sessionId) the actor was signed in with when the op was
   * made; the server accepts the actor only if that session is this workstation's and the actor's
   * (docs/sync-protocol.md §4). Absent for work done without a server session.
   */
  sessionId: UuidSchema.optional(),
  /** When it was done, by the workstation's clock (shown, never used to order). */
  at: InstantSchema,
};

export const PushOpSchema = z.discriminatedUnion('type', [
  z.object({ ...opBase, type: z.literal('application.submit'), payload: SubmitPayloadSchema }).strict(),
  z.object({ ...opBase, type: z.literal('application.resubmit'), payload: ResubmitPayloadSchema }).strict(),
  z.object({ ...opBase, type: z.literal('application.decide'), payload: DecidePayloadSchema }).strict(),
  z.object({ ...opBase, type: z.literal('eid.enable'), payload: EnablePayloadSchema }).strict(),
]);
export type PushOp = z.infer<typeof PushOpSchema>;
export type PushOpInput = z.input<typeof PushOpSchema>;

/** The head of the workstation's local audit chain (services/store/audit-log.ts), anchored on the server. */
export const AuditHeadSchema = z
  .object({
    seq: z.number().int().min(0),
    hash: Sha256HexSchema,
  })
  .strict();

/** POST /v1/sync/push — signed; header Idempotency-Key: a UUID per request body. */
export const PushRequestSchema = z
  .object({
    protocolVersion: ProtocolVersionSchema,
    auditHead: AuditHeadSchema.nullable(),
    ops: z.array(PushOpSchema).max(MAX_OPS_PER_PUSH),
  })
  .strict();
export type PushRequest = z.infer<typeof PushRequestSchema>;
export type PushRequestInput = z.input<typeof PushRequestSchema>;

// ---- results -------------------------------------------------------------------------------

/** The application as the server holds it now (in a conflict, and in pull). */
export const CurrentRecordSchema = z
  .object({
    recordId: UuidSchema,
    applicationNumber: ApplicationNumberSchema,
    status: z.enum(APPLICATION_STATUSES),
    version: z.number().int().min(1),
    /** The last decision, if any. */
    lastDecision: z
      .object({ decision: z.enum(['approve', 'reject', 'return']), by: StaffNumberSchema, at: InstantSchema })
      .strict()
      .nullable(),
  })
  .strict();
export type CurrentRecord = z.infer<typeof CurrentRecordSchema>;

const resultBase = { opId: UuidV7Schema, clientSeq: z.number().int().min(1) };

/** Final outcomes: the op is consumed, counted in acked_through and in the ledger. */
export const AppliedResultSchema = z.object({ ...resultBase, status: z.literal('applied'), version: z.number().int().min(1) }).strict();
export const RejectedResultSchema = z.object({ ...resultBase, status: z.literal('rejected'), reason: RefusalSchema }).strict();
export const ConflictResultSchema = z.object({ ...resultBase, status: z.literal('conflict'), current: CurrentRecordSchema.nullable() }).strict();
export const FinalOutcomeSchema = z.discriminatedUnion('status', [AppliedResultSchema, RejectedResultSchema, ConflictResultSchema]);
export type FinalOutcome = z.infer<typeof FinalOutcomeSchema>;

export const OpResultSchema = z.discriminatedUnion('status', [
  AppliedResultSchema,
  RejectedResultSchema,
  ConflictResultSchema,
  /** Seen before (any earlier push): `original` is the outcome it got then, unchanged. */
  z.object({ ...resultBase, status: z.literal('duplicate'), original: FinalOutcomeSchema }).strict(),
  /** Not consumed: upload these scans (HEAD, then tus) and push the same op again. */
  z.object({ ...resultBase, status: z.literal('needs_blobs'), missing: z.array(Sha256HexSchema).min(1).max(MAX_BLOBS_PER_OP) }).strict(),
  /**
   * Not consumed: the deployment requires every actor to be attested by a server session and this
   * op has none; push it again with the request signed in as `actor` (Counterdesk-Session).
   */
  z.object({ ...resultBase, status: z.literal('needs_session'), actor: StaffNumberSchema }).strict(),
  /** Not consumed: the server expects client_seq `expected` next (an earlier op is missing or was not consumed). */
  z.object({ ...resultBase, status: z.literal('seq_gap'), expected: z.number().int().min(1) }).strict(),
]);
export type OpResult = z.infer<typeof OpResultSchema>;
export type OpResultStatus = OpResult['status'];

export const PushResponseSchema = z
  .object({
    /** One per op, in the request's order. */
    results: z.array(OpResultSchema).max(MAX_OPS_PER_PUSH),
    /** Every op with client_seq ≤ ackedThrough has a final outcome, durably stored. 0 = none yet. */
    ackedThrough: z.number().int().min(0),
    /** What the server did with auditHead: a head that contradicts one anchored before is flagged for an administrator. */
    auditAnchor: z.enum(['recorded', 'unchanged', 'contradicts_previous', 'none']),
    serverTime: InstantSchema,
  })
  .strict();
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** Rejection codes in RejectedResult.reason.code (messageKey `sync.rejected.<code>`). Stable; only added to. */
export const PUSH_REJECTION_CODES = [
  'faq8_duplicate', // FAQ 8: another pending/approved first application for the entity (params: applicationNumber, by)
  'faq8_existing_account', // FAQ 8: the entity already holds an account (params: entityNumber)
  'rules_blocking', // domain/rules assess found blocking requirements (params: requirements = comma-separated ids)
  'four_eyes', // the decider took the application in or edited it
  'wrong_role', // the actor lacks the role for this action
  'out_of_scope', // the application belongs to another service point than the actor's / the workstation's
  'unknown_actor', // no such staff number
  'inactive_actor', // the user is deactivated
  'reason_required', // reject without a reason code / return without notes
  'unknown_record', // resubmit/decide on an application the server does not have
  'record_exists', // submit of a recordId or application number the server already has (from another op)
  'blobs_mismatch', // blobs[] differs from the scans the payload references
  'actor_not_session_user', // the op's sessionId is not a session of this workstation signed in as the op's actor (a forged actor)
  'payload_hash_mismatch', // payloadSha256 is not the SHA-256 of canonicalJson(payload)
  'eid_refused', // eid.enable: a FAQ 18/19 check failed on the server's data (messageKey: the check's own, e.g. sc.check.already_on)
  'eid_nonce_consumed', // eid.enable: the QR's nonce was already consumed, at this or another counter (messageKey eid.server.nonce_consumed)
] as const;
