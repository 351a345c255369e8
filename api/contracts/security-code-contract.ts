import { z } from 'zod';
import { ID_DOCUMENT_TYPES } from '../../domain/model/codes';
import {
  CHECK_STATUSES,
  EID_TOOLS,
  ENABLEMENT_STATES,
  FACE_RECOGNITION_CHECKS,
  SECURITY_CODE_CHECKS,
  VERDICT_ADVICE,
} from '../../domain/security-code/checks-vocabulary';
import { isMessageKey } from '../../i18n';
import { empty, id, isoTime, method, text } from './schema-helpers';

// Issue 16: enabling the security code by scanning the QR on the person's phone (FAQ 19) and
// re-enabling face recognition (FAQ 18) at the counter. The screens verify first (every check
// with its reason, nothing stored), then enable (the core re-verifies, records, audits and
// queues the operation for the central server, which re-checks and consumes the nonce).
// Several entities for the same person are separate enablements sharing one `visitId`.

/** What a scanner or camera read; generous so an oversized scan gets a reason, not `invalid_input`. */
export const QR_TEXT_MAX = 8000;

const messageKey = z.string().max(80).refine(isMessageKey, 'unknown message key');
const params = z.record(z.string().max(40), z.union([z.string().max(200), z.number()])).optional();

export const SightedIdSchema = z
  .object({
    type: z.enum(ID_DOCUMENT_TYPES),
    number: text(40).min(1),
    /** Passports only. */
    issuingCountry: text(60).optional(),
  })
  .strict();

const entityNumber = text(20).trim().min(1);
/** Groups the enablements of one person at one visit (FAQ 19: one per entity); the screen makes one and keeps it for "next entity". */
const visitId = id;

export const CheckResultSchema = <T extends readonly [string, ...string[]]>(ids: T) =>
  z
    .object({
      id: z.enum(ids),
      status: z.enum(CHECK_STATUSES),
      /** Where the rule comes from, shown beside the reason: 'FAQ 19', 'issue 16'. */
      source: z.string().max(40),
      messageKey,
      params,
    })
    .strict();

export const SecurityCodeVerdictSchema = z
  .object({
    /** Every check passed: the screen may offer "enable". */
    ok: z.boolean(),
    checks: z.array(CheckResultSchema(SECURITY_CODE_CHECKS)),
    /** What to tell the person when not ok (scan again, show a new code, use face recognition, refuse). */
    advice: z.enum(VERDICT_ADVICE),
    /** What the QR says, once it decoded (even if a later check failed), for the screen to show. */
    qr: z
      .object({
        staffLoginId: z.string().max(60),
        entityNumber: z.string().max(20),
        issuedAt: isoTime,
        expiresAt: isoTime,
      })
      .strict()
      .optional(),
  })
  .strict();

export const FaceRecognitionVerdictSchema = z
  .object({
    ok: z.boolean(),
    checks: z.array(CheckResultSchema(FACE_RECOGNITION_CHECKS)),
    advice: z.enum(VERDICT_ADVICE),
  })
  .strict();

export const EnablementRecordSchema = z
  .object({
    id,
    tool: z.enum(EID_TOOLS),
    visitId,
    entityNumber: z.string().max(20),
    staffLoginId: z.string().max(60),
    idType: z.enum(ID_DOCUMENT_TYPES),
    /** All but the last 4 characters masked, as on receipts. */
    idNumberMasked: z.string().max(40),
    /** queued until the central server confirms (or refuses) it; offline it stays queued. */
    state: z.enum(ENABLEMENT_STATES),
    createdAt: isoTime,
    /** The clerk's actor id. */
    createdBy: z.string().max(80),
    /** When the server answered. */
    decidedAt: isoTime.optional(),
    /** The server's reason when it refused (e.g. nonce already consumed elsewhere). */
    refusal: z.object({ messageKey, params }).strict().optional(),
    /** The line printed on the person's receipt, in the state it is in now. */
    receiptLine: z.object({ messageKey, params }).strict(),
  })
  .strict();

const SecurityCodeInput = z
  .object({
    /** The entity number the person gave (實體編號). */
    entityNumber,
    /** Exactly what the camera or the keyboard-wedge scanner read. */
    qrText: z.string().max(QR_TEXT_MAX),
    sightedId: SightedIdSchema,
    /** FAQ 19: the clerk saw the original ID document (not a copy). */
    originalSighted: z.boolean(),
  })
  .strict();

const FaceRecognitionInput = z
  .object({
    entityNumber,
    staffLoginId: text(60).trim().min(1),
    sightedId: SightedIdSchema,
    /** FAQ 18: the original Macau ID was sighted. */
    originalSighted: z.boolean(),
  })
  .strict();

const EnableOutput = <V extends z.ZodType>(verdict: V) =>
  z
    .object({
      verdict,
      /** Present only when the verdict was ok and the enablement was recorded; a refusal stores nothing. */
      record: EnablementRecordSchema.optional(),
    })
    .strict();

/**
 * The outbox row an enablement leaves (topic `eid.enablement`, subject = enablement id), for the
 * sync push op and the central server's re-check: the server runs the same checks
 * (domain/security-code/verify-scan.ts judgeScan) on its own reference data, consumes the nonce
 * once for all counters, and answers confirmed or refused (nonce_consumed | refused).
 */
export const EnablementOpPayloadSchema = z
  .object({
    tool: z.enum(EID_TOOLS),
    visitId,
    entityNumber: z.string().max(20),
    staffLoginId: z.string().max(60),
    /** Security code only: exactly what was scanned (trimmed). */
    qrText: z.string().max(QR_TEXT_MAX).optional(),
    sightedId: SightedIdSchema,
    originalSighted: z.boolean(),
    clerk: z.string().max(80),
    at: isoTime,
  })
  .strict();

export const securityCodeContract = {
  /** Every FAQ 19 check on a scanned QR; stores nothing (the screen calls it on each scan). */
  'securityCode.verify': method(SecurityCodeInput, SecurityCodeVerdictSchema),
  /** Re-verifies, then records, audits and queues the enablement; the nonce is marked seen here. */
  'securityCode.enable': method(SecurityCodeInput.extend({ visitId }).strict(), EnableOutput(SecurityCodeVerdictSchema)),
  /** FAQ 18: the staff login and whether face recognition can be re-enabled for it (nothing stored). */
  'faceRecognition.find': method(
    FaceRecognitionInput,
    z
      .object({
        verdict: FaceRecognitionVerdictSchema,
        /** Present when the login is in the reference data. */
        login: z
          .object({
            staffLoginId: z.string().max(60),
            entityNumber: z.string().max(20),
            idType: z.enum(ID_DOCUMENT_TYPES),
            activated: z.boolean(),
            faceRecognition: z.enum(['enabled', 'disabled', 'locked']),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  /** FAQ 18: re-checks, records, audits and queues the re-enable. */
  'faceRecognition.reenable': method(FaceRecognitionInput.extend({ visitId }).strict(), EnableOutput(FaceRecognitionVerdictSchema)),
  /** Today's (Macau day) enablements at this workstation, newest first, with their state: for the work list. */
  'enablements.today': method(empty, z.object({ records: z.array(EnablementRecordSchema) }).strict()),
  /** The lines of one visit's receipt (one per entity, FAQ 19), in the clerk-independent wording the receipt prints. */
  'enablements.receipt': method(
    z.object({ visitId }).strict(),
    z.object({ visitId, records: z.array(EnablementRecordSchema), lines: z.array(z.object({ messageKey, params }).strict()) }).strict(),
  ),
  /** The person's receipt for the visit as a PDF (one line per entity, each in its current state), signed by this workstation. */
  'enablements.receiptPdf': method(
    z.object({ visitId }).strict(),
    z.object({ reference: z.string().max(40), fileName: z.string().max(60), pdfBase64: z.string() }).strict(),
  ),
} as const;

export type SecurityCodeVerdict = z.output<typeof SecurityCodeVerdictSchema>;
export type FaceRecognitionVerdict = z.output<typeof FaceRecognitionVerdictSchema>;
export type EnablementRecord = z.output<typeof EnablementRecordSchema>;
export type SightedId = z.output<typeof SightedIdSchema>;
export type EnablementOpPayload = z.output<typeof EnablementOpPayloadSchema>;
