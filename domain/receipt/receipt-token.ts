import { base32Decode, base32Encode } from './base32';
import { APPLICATION_NUMBER_PATTERN, WORKSTATION_ID_PATTERN } from './receipt-input';

// The QR token: what a receipt claims, in a few bytes, signed by the issuing workstation.
//
//   text    = "CDR1:" + base32(payload ‖ signature)       (QR alphanumeric mode)
//   payload = len ‖ application number (ASCII)
//             ‖ issued-at, whole seconds since 1970, uint32 big-endian
//             ‖ len ‖ workstation id (ASCII)
//             ‖ entity-name hash (16 bytes) ‖ checklist hash (16 bytes)
//   signature = Ed25519 over SIGNING_CONTEXT ‖ payload (64 bytes)
//
// The version sits in the prefix: a v2 can change everything after it. Hashes are
// SHA-256 cut to 128 bits: enough to bind the printed names and documents, small enough
// to keep the QR at version 8 (49×49 modules) for a typical application number.

export const RECEIPT_TOKEN_PREFIX = 'CDR1:';
export const RECEIPT_HASH_BYTES = 16;
export const RECEIPT_SIGNATURE_BYTES = 64;
/** Domain separation: a workstation key signing anything else can never yield a receipt signature. */
export const RECEIPT_SIGNING_CONTEXT = new TextEncoder().encode('counterdesk/receipt/v1\n');
const MAX_TOKEN_LENGTH = 400;

export interface ReceiptTokenClaims {
  applicationNumber: string;
  /** Whole seconds since 1970-01-01T00:00:00Z. */
  issuedAtSeconds: number;
  workstationId: string;
  entityNameHash: Uint8Array;
  checklistHash: Uint8Array;
}

export interface ParsedReceiptToken {
  claims: ReceiptTokenClaims;
  payload: Uint8Array;
  signature: Uint8Array;
}

const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

export function encodeReceiptClaims(claims: ReceiptTokenClaims): Uint8Array {
  if (!APPLICATION_NUMBER_PATTERN.test(claims.applicationNumber)) throw new RangeError('application number not printable in a token');
  if (!WORKSTATION_ID_PATTERN.test(claims.workstationId)) throw new RangeError('workstation id not printable in a token');
  if (!Number.isInteger(claims.issuedAtSeconds) || claims.issuedAtSeconds < 0 || claims.issuedAtSeconds > 0xffffffff) {
    throw new RangeError('issue time out of range');
  }
  if (claims.entityNameHash.length !== RECEIPT_HASH_BYTES || claims.checklistHash.length !== RECEIPT_HASH_BYTES) {
    throw new RangeError('hash of the wrong length');
  }
  const app = ascii(claims.applicationNumber);
  const ws = ascii(claims.workstationId);
  const out = new Uint8Array(1 + app.length + 4 + 1 + ws.length + 2 * RECEIPT_HASH_BYTES);
  const view = new DataView(out.buffer);
  let at = 0;
  out[at++] = app.length;
  out.set(app, at);
  at += app.length;
  view.setUint32(at, claims.issuedAtSeconds);
  at += 4;
  out[at++] = ws.length;
  out.set(ws, at);
  at += ws.length;
  out.set(claims.entityNameHash, at);
  at += RECEIPT_HASH_BYTES;
  out.set(claims.checklistHash, at);
  return out;
}

/** The exact bytes the workstation signs. */
export function receiptSignedMessage(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECEIPT_SIGNING_CONTEXT.length + payload.length);
  out.set(RECEIPT_SIGNING_CONTEXT);
  out.set(payload, RECEIPT_SIGNING_CONTEXT.length);
  return out;
}

export function assembleReceiptToken(payload: Uint8Array, signature: Uint8Array): string {
  if (signature.length !== RECEIPT_SIGNATURE_BYTES) throw new RangeError('signature of the wrong length');
  const all = new Uint8Array(payload.length + signature.length);
  all.set(payload);
  all.set(signature, payload.length);
  return RECEIPT_TOKEN_PREFIX + base32Encode(all);
}

export type ParseReceiptTokenResult = { ok: true; token: ParsedReceiptToken } | { ok: false; reason: string };

/**
 * Split a scanned text into claims and signature, checking only the shape (never throws,
 * whatever the scanner or a person typed). Lower case and surrounding spaces are
 * forgiven, for tokens typed by hand.
 */
export function parseReceiptToken(text: unknown): ParseReceiptTokenResult {
  if (typeof text !== 'string') return { ok: false, reason: 'not text' };
  const trimmed = text.trim().toUpperCase();
  if (trimmed.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'too long' };
  if (!trimmed.startsWith(RECEIPT_TOKEN_PREFIX)) return { ok: false, reason: 'not a receipt token (prefix)' };
  const bytes = base32Decode(trimmed.slice(RECEIPT_TOKEN_PREFIX.length));
  if (!bytes) return { ok: false, reason: 'not base32' };
  const minimum = 1 + 1 + 4 + 1 + 1 + 2 * RECEIPT_HASH_BYTES + RECEIPT_SIGNATURE_BYTES;
  if (bytes.length < minimum) return { ok: false, reason: 'too short' };

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('latin1');
  let at = 0;
  const appLength = bytes[at++] ?? 0;
  const fixed = 4 + 1 + 2 * RECEIPT_HASH_BYTES + RECEIPT_SIGNATURE_BYTES;
  if (at + appLength + fixed > bytes.length) return { ok: false, reason: 'truncated' };
  const applicationNumber = decoder.decode(bytes.subarray(at, at + appLength));
  at += appLength;
  const issuedAtSeconds = view.getUint32(at);
  at += 4;
  const wsLength = bytes[at++] ?? 0;
  if (at + wsLength + 2 * RECEIPT_HASH_BYTES + RECEIPT_SIGNATURE_BYTES !== bytes.length) return { ok: false, reason: 'wrong length' };
  const workstationId = decoder.decode(bytes.subarray(at, at + wsLength));
  at += wsLength;
  const entityNameHash = bytes.slice(at, at + RECEIPT_HASH_BYTES);
  at += RECEIPT_HASH_BYTES;
  const checklistHash = bytes.slice(at, at + RECEIPT_HASH_BYTES);
  at += RECEIPT_HASH_BYTES;
  if (!APPLICATION_NUMBER_PATTERN.test(applicationNumber)) return { ok: false, reason: 'bad application number' };
  if (!WORKSTATION_ID_PATTERN.test(workstationId)) return { ok: false, reason: 'bad workstation id' };
  return {
    ok: true,
    token: {
      claims: { applicationNumber, issuedAtSeconds, workstationId, entityNameHash, checklistHash },
      payload: bytes.slice(0, at),
      signature: bytes.slice(at),
    },
  };
}
