import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ROLES } from '../../domain/workflow';
import { isArgon2idVerifier } from './password-verifier';

/**
 * Users and roles arrive as reference data. Until the central API delivers them, the
 * workstation administrator imports a file signed (Ed25519) by the enrolment authority:
 *
 *   { "format": "counterdesk-enrolment/1", "payload": "<JSON text>", "signature": "<base64>" }
 *
 * The signature covers the exact payload text (no canonicalisation to get wrong). Users carry
 * an argon2id verifier, never a password, so the file itself reveals no password.
 */
export const ENROLMENT_FORMAT = 'counterdesk-enrolment/1';

const staffNumber = z.string().regex(/^[A-Za-z0-9-]{1,20}$/);
const servicePoint = z.string().regex(/^[A-Z0-9]{2,8}$/);

export const EnrolledUserSchema = z
  .object({
    staffNumber,
    displayName: z.string().min(1).max(100),
    roles: z.array(z.enum(ROLES)).min(1).max(3),
    servicePoints: z.array(servicePoint).min(1).max(50),
    passwordVerifier: z.string().max(300).refine(isArgon2idVerifier, 'not an argon2id verifier within bounds'),
    active: z.boolean().default(true),
  })
  .strict();
export type EnrolledUser = z.infer<typeof EnrolledUserSchema>;

export const EnrolmentPayloadSchema = z
  .object({
    authority: z.string().min(1).max(100),
    // A timestamp, not free text: imports are ordered by it (an older file is refused).
    issuedAt: z.iso.datetime({ offset: true }),
    users: z.array(EnrolledUserSchema).min(1).max(2000),
  })
  .strict();
export type EnrolmentPayload = z.infer<typeof EnrolmentPayloadSchema>;

const EnvelopeSchema = z
  .object({ format: z.literal(ENROLMENT_FORMAT), payload: z.string().max(2_000_000), signature: z.string().max(200).optional() })
  .strict();

export type EnrolmentProblem = 'malformed' | 'unsigned' | 'tampered' | 'bad_key';
export class EnrolmentError extends Error {
  constructor(
    readonly problem: EnrolmentProblem,
    message: string,
  ) {
    super(message);
    this.name = 'EnrolmentError';
  }
}

/** The authority's public key as configured: base64 of the raw 32-byte Ed25519 key. */
export function parseEnrolmentPublicKey(base64: string): KeyObject {
  const raw = Buffer.from(base64.trim(), 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== base64.trim()) throw new EnrolmentError('bad_key', 'public key must be 32 bytes of base64');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function verifyEnrolmentFile(text: string, publicKeyBase64: string): EnrolmentPayload {
  const key = parseEnrolmentPublicKey(publicKeyBase64);
  let envelope: z.infer<typeof EnvelopeSchema>;
  try {
    envelope = EnvelopeSchema.parse(JSON.parse(text));
  } catch {
    throw new EnrolmentError('malformed', 'not an enrolment file');
  }
  if (!envelope.signature) throw new EnrolmentError('unsigned', 'enrolment file has no signature');
  const sig = Buffer.from(envelope.signature, 'base64');
  if (sig.length !== 64 || !verify(null, Buffer.from(envelope.payload, 'utf8'), key, sig)) {
    throw new EnrolmentError('tampered', 'enrolment file signature does not verify');
  }
  // Only a verified payload is parsed: a forged file is refused before its content is trusted.
  const parsed = EnrolmentPayloadSchema.safeParse(JSON.parse(envelope.payload));
  if (!parsed.success) throw new EnrolmentError('malformed', 'enrolment payload does not match its schema');
  return parsed.data;
}

/** For the enrolment authority's tooling and tests. */
export function signEnrolmentFile(payload: EnrolmentPayload, privateKey: KeyObject): string {
  const text = JSON.stringify(payload);
  return JSON.stringify({ format: ENROLMENT_FORMAT, payload: text, signature: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64') });
}

/** Base64 raw public key of an Ed25519 key pair (what the administrator types into the settings). */
export function rawPublicKeyBase64(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
}
