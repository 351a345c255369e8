import { z } from 'zod';
import {
  Ed25519PublicKeySchema,
  InstantSchema,
  ProtocolVersionSchema,
  RoleSchema,
  ServicePointSchema,
  StaffNumberSchema,
  UuidSchema,
  WorkstationCodeSchema,
  WorkstationIdSchema,
} from './common';

/** One-time enrolment codes: 20 characters of Crockford base32 in groups of 4 (XXXX-XXXX-XXXX-XXXX-XXXX). */
export const ENROLMENT_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

/** POST /v1/enrol — unsigned (the workstation has no key yet); the one-time code authenticates it. */
export const EnrolRequestSchema = z
  .object({
    protocolVersion: ProtocolVersionSchema,
    code: z.string().regex(ENROLMENT_CODE_PATTERN),
    servicePoint: ServicePointSchema,
    workstation: WorkstationCodeSchema,
    /** The key that signs every later request (Ed25519, generated on the workstation, private half never leaves it). */
    publicKey: Ed25519PublicKeySchema,
    /** The workstation's receipt-signing key, published to the other counters (issue 6). */
    receiptPublicKey: Ed25519PublicKeySchema.optional(),
    /** Free text for the administrator's list (host name). */
    label: z.string().max(100).optional(),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = z
  .object({
    protocolVersion: ProtocolVersionSchema,
    workstationId: WorkstationIdSchema,
    servicePoint: ServicePointSchema,
    /**
     * The service point's names as its receipts print them (revision 1.2, additive): the
     * workstation takes code and names from here, so receipts need no settings step after enrolment.
     */
    servicePointNames: z
      .object({ zh: z.string().min(1).max(100), pt: z.string().min(1).max(100) })
      .strict()
      .optional(),
    /** Pin this: every later response carries Counterdesk-Server-Signature by this key. */
    serverPublicKey: Ed25519PublicKeySchema,
    /** SHA-256 (hex) of the TLS certificate's SubjectPublicKeyInfo when served over TLS; null on plain HTTP (loopback, or TLS terminated in front). */
    tlsSpkiSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    serverTime: InstantSchema,
    /** The feed epoch (a restore from backup changes it). */
    epoch: UuidSchema,
  })
  .strict();
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

/**
 * POST /v1/session — signed by the workstation; a person signs in to the server through it with
 * their password, or (revision 1.2) a session still open is renewed with its token, so the
 * workstation never keeps the password once the person is signed in (docs/sync-protocol.md §4).
 */
export const SessionRequestSchema = z
  .object({
    protocolVersion: ProtocolVersionSchema,
    staffNumber: StaffNumberSchema,
    password: z.string().min(1).max(200).optional(),
    renewToken: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/)
      .optional(),
  })
  .strict()
  .refine((r) => (r.password === undefined) !== (r.renewToken === undefined), { message: 'password or renewToken, exactly one' });
export type SessionRequest = z.infer<typeof SessionRequestSchema>;

export const SessionResponseSchema = z
  .object({
    /** Send as Counterdesk-Session; valid only from this workstation. */
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    /** Public id of the session: written into every op the person makes while signed in (PushOp.sessionId). */
    sessionId: UuidSchema,
    expiresAt: InstantSchema,
    user: z
      .object({
        staffNumber: StaffNumberSchema,
        displayName: z.string().max(200),
        roles: z.array(RoleSchema).max(3),
        servicePoints: z.array(ServicePointSchema).max(50),
      })
      .strict(),
  })
  .strict();
export type SessionResponse = z.infer<typeof SessionResponseSchema>;
