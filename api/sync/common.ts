import { z } from 'zod';

// Shared building blocks of the sync protocol (docs/sync-protocol.md). Pure zod: imported by the
// server (server/) and the workstation's sync client (services/). Every object is strict and
// every string and array bounded: each side treats the other as outside input.

/** The protocol version this contract describes; sent in every body and in `Counterdesk-Protocol`. */
export const SYNC_PROTOCOL_VERSION = 1 as const;
export const ProtocolVersionSchema = z.literal(SYNC_PROTOCOL_VERSION);

export const SERVICE_POINT_PATTERN = /^[A-Z0-9]{2,6}$/;
export const WORKSTATION_CODE_PATTERN = /^[A-Z0-9]{1,4}$/;
/** A workstation is named `<service point>-<workstation code>`, as in application numbers (SP01-W03). */
export const WORKSTATION_ID_PATTERN = /^[A-Z0-9]{2,6}-[A-Z0-9]{1,4}$/;

export const ServicePointSchema = z.string().regex(SERVICE_POINT_PATTERN);
export const WorkstationCodeSchema = z.string().regex(WORKSTATION_CODE_PATTERN);
export const WorkstationIdSchema = z.string().regex(WORKSTATION_ID_PATTERN);
export const StaffNumberSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_.-]+$/);

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case SHA-256 hex digest');
export const UuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lower-case UUID');
/** RFC 9562 UUID version 7 (time-ordered), lower case. */
export const UuidV7Schema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a lower-case UUIDv7');
/** An Ed25519 public key: the raw 32 bytes in base64url without padding. */
export const Ed25519PublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key in base64url');
/** ISO 8601 instant in UTC with a Z, e.g. 2026-11-28T09:15:00.000Z. */
export const InstantSchema = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/);

export const ROLE_VALUES = ['clerk', 'supervisor', 'workstation_admin'] as const;
export const RoleSchema = z.enum(ROLE_VALUES);

/** Parameters of a message: flat strings and numbers, so a workstation can show them in any language. */
export const MessageParamsSchema = z.record(z.string().max(40), z.union([z.string().max(500), z.number()])).refine((p) => Object.keys(p).length <= 20);

/** Why something was refused: a stable code, the i18n key the workstation shows, and its params. */
export const RefusalSchema = z
  .object({
    code: z.string().min(1).max(60),
    messageKey: z.string().min(1).max(120),
    params: MessageParamsSchema.optional(),
  })
  .strict();
export type Refusal = z.infer<typeof RefusalSchema>;

/** Every 4xx/5xx body. Never a stack trace. */
export const ErrorBodySchema = z.object({ error: RefusalSchema }).strict();
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * Error codes the server answers with (HTTP status in docs/sync-protocol.md §8). Stable
 * identifiers: never renamed, only added. messageKey is always `sync.error.<code>`.
 */
export const SYNC_ERROR_CODES = [
  'bad_request', // 400 malformed JSON, wrong content type
  'validation_failed', // 400 body/query/headers do not match the schema (unknown fields included)
  'unsupported_protocol', // 400 protocolVersion / Counterdesk-Protocol not supported
  'signature_missing', // 401 a signed endpoint without the signature headers
  'signature_invalid', // 401 signature does not verify, or Content-Digest does not match the body
  'unknown_workstation', // 401
  'workstation_revoked', // 401
  'clock_skew', // 401 Counterdesk-Timestamp more than 300 s from server time (params: serverTime)
  'replayed_request', // 401 nonce seen before within the window
  'session_invalid', // 401 Counterdesk-Session unknown, expired or of another workstation
  'sign_in_failed', // 401 wrong staff number or password, or inactive user
  'enrolment_code_invalid', // 403 unknown, used, expired or for another workstation
  'forbidden', // 403
  'not_found', // 404
  'idempotency_in_progress', // 409 same Idempotency-Key still being processed (Retry-After)
  'upload_offset_mismatch', // 409 tus
  'cursor_expired', // 410 epoch changed (restore from backup) or cursor ahead of the feed: resnapshot
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'idempotency_key_reused', // 422 same Idempotency-Key with another body
  'op_payload_mismatch', // 422 same op_id with another payload (params: opId)
  'client_seq_reused', // 422 a client_seq already taken by another op_id (params: clientSeq, opId)
  'blob_hash_mismatch', // 460 tus upload whose bytes do not hash to the declared sha256
  'rate_limited', // 429
  'internal', // 500
  'unavailable', // 503 database unreachable
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

/**
 * Canonical JSON for hashing (payload_sha256, Content-Digest is over the raw body instead):
 * object keys sorted by UTF-16 code units, no whitespace, undefined members dropped,
 * numbers as JSON.stringify writes them. Both sides hash `canonicalJson(payload)` as UTF-8.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
