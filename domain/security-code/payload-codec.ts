import { mod97CheckDigits, mod97Valid } from './check-digits';
import { bytesToDigits, digitsToBytes } from './digit-packing';

// The security-code QR, format version 1 (docs/security-code-qr.md is the specification; keep
// the two in step). Text = PREFIX, one version digit, the payload packed as digits, two
// ISO 7064 MOD 97-10 check digits. Payload = purpose, server nonce, issue time, lifetime,
// the phone's compressed P-256 key, entity number, staff login id, then an ES256 signature
// (r || s) by that key over SIGNING_CONTEXT || 0x00 || version || everything before it.

/** "853" (Macau) then "0": marks the text as ours for the wedge detector and the decoder. */
export const QR_PREFIX = '8530';
export const FORMAT_VERSION = 1;
export const PURPOSE_ENABLE_SECURITY_CODE = 1;
export const SIGNING_CONTEXT = 'OneAccount/SecurityCode';
export const NONCE_BYTES = 16;
export const PUBLIC_KEY_BYTES = 33;
export const SIGNATURE_BYTES = 64;
export const MAX_ENTITY_NUMBER_BYTES = 20;
export const MAX_LOGIN_ID_BYTES = 60;
/** Longest valid text: every field at its maximum (498 digits, QR version 10 at level M holds 513). */
export const MAX_QR_TEXT_LENGTH = 498;
/** Shortest valid text: one-byte entity number and login id. */
export const MIN_QR_TEXT_LENGTH = 309;
/** Anything longer is refused before any parsing (a wedge scanner may type a whole page). */
const OVERSIZED_AT = 600;

export interface SecurityCodeFields {
  purpose: number;
  nonce: Uint8Array;
  /** Seconds since 1970-01-01T00:00:00Z. */
  issuedAt: number;
  /** Seconds after issuedAt when the code expires. */
  lifetime: number;
  /** SEC1 compressed P-256 point (0x02/0x03 || x). */
  publicKey: Uint8Array;
  entityNumber: string;
  staffLoginId: string;
}

export interface DecodedSecurityCode extends SecurityCodeFields {
  version: number;
  signature: Uint8Array<ArrayBuffer>;
  /** The exact bytes the signature covers. */
  signedBytes: Uint8Array<ArrayBuffer>;
}

export const DECODE_REFUSALS = ['empty', 'oversized', 'not_security_code', 'unknown_version', 'check_digit', 'malformed'] as const;
export type DecodeRefusal = (typeof DECODE_REFUSALS)[number];

export type DecodeResult = { ok: true; code: DecodedSecurityCode } | { ok: false; refusal: DecodeRefusal; version?: number };

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const HEAD_BYTES = 1 + NONCE_BYTES + 4 + 2 + PUBLIC_KEY_BYTES;

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The payload bytes before the signature. Throws RangeError on fields out of bounds (the encoder's caller is ours). */
export function unsignedPayload(f: SecurityCodeFields): Uint8Array<ArrayBuffer> {
  const entity = utf8.encode(f.entityNumber);
  const login = utf8.encode(f.staffLoginId);
  if (f.nonce.length !== NONCE_BYTES || f.publicKey.length !== PUBLIC_KEY_BYTES) throw new RangeError('nonce or key of the wrong length');
  if (entity.length < 1 || entity.length > MAX_ENTITY_NUMBER_BYTES || login.length < 1 || login.length > MAX_LOGIN_ID_BYTES)
    throw new RangeError('entity number or login id out of bounds');
  if (!Number.isInteger(f.issuedAt) || f.issuedAt < 0 || f.issuedAt > 0xffffffff || !Number.isInteger(f.lifetime) || f.lifetime < 0 || f.lifetime > 0xffff) {
    throw new RangeError('time out of bounds');
  }
  const head = new Uint8Array(HEAD_BYTES);
  const view = new DataView(head.buffer);
  head[0] = f.purpose;
  head.set(f.nonce, 1);
  view.setUint32(1 + NONCE_BYTES, f.issuedAt);
  view.setUint16(1 + NONCE_BYTES + 4, f.lifetime);
  head.set(f.publicKey, 1 + NONCE_BYTES + 6);
  return concat([head, Uint8Array.of(entity.length), entity, Uint8Array.of(login.length), login]);
}

/** What the phone signs: context, a zero byte, the format version, the unsigned payload. */
export function signingInput(version: number, unsigned: Uint8Array): Uint8Array<ArrayBuffer> {
  return concat([utf8.encode(SIGNING_CONTEXT), Uint8Array.of(0, version), unsigned]);
}

/** The QR text for a payload and its signature (raw r || s, 64 bytes). */
export function encodeSecurityCode(f: SecurityCodeFields, signature: Uint8Array, version = FORMAT_VERSION): string {
  if (signature.length !== SIGNATURE_BYTES) throw new RangeError('signature must be 64 bytes (r || s)');
  const body = QR_PREFIX + String(version) + bytesToDigits(concat([unsignedPayload(f), signature]));
  return body + mod97CheckDigits(body);
}

/** Scanners add a carriage return, a line feed or spaces; nothing else is forgiven. */
function trimScan(text: string): string {
  return text.trim();
}

function parsePayload(version: number, bytes: Uint8Array): DecodedSecurityCode | undefined {
  if (bytes.length < HEAD_BYTES + 2 + SIGNATURE_BYTES) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = HEAD_BYTES;
  const field = (max: number): string | undefined => {
    const n = bytes[at] ?? 0;
    if (n < 1 || n > max || at + 1 + n > bytes.length) return undefined;
    const raw = bytes.subarray(at + 1, at + 1 + n);
    at += 1 + n;
    try {
      const s = strictUtf8.decode(raw);
      // Printable only: no control characters or line breaks reach a screen or a log.
      return /^[^\p{C}]+$/u.test(s) ? s : undefined;
    } catch {
      return undefined;
    }
  };
  const entityNumber = field(MAX_ENTITY_NUMBER_BYTES);
  if (entityNumber === undefined) return undefined;
  const staffLoginId = field(MAX_LOGIN_ID_BYTES);
  if (staffLoginId === undefined) return undefined;
  if (bytes.length - at !== SIGNATURE_BYTES) return undefined;
  const key = bytes.slice(1 + NONCE_BYTES + 6, HEAD_BYTES);
  return {
    version,
    purpose: bytes[0] ?? 0,
    nonce: bytes.slice(1, 1 + NONCE_BYTES),
    issuedAt: view.getUint32(1 + NONCE_BYTES),
    lifetime: view.getUint16(1 + NONCE_BYTES + 4),
    publicKey: key,
    entityNumber,
    staffLoginId,
    signature: bytes.slice(at),
    signedBytes: signingInput(version, bytes.subarray(0, at)),
  };
}

/**
 * Reads a scanned text. Bounded (refuses long input before looking at it) and total: any
 * string gives a result, never an exception. The refusal says which check failed, so a
 * misread ("check_digit") is told apart from something that is not ours at all.
 */
export function decodeSecurityCode(scanned: unknown): DecodeResult {
  if (typeof scanned !== 'string') return { ok: false, refusal: 'not_security_code' };
  if (scanned.length > OVERSIZED_AT * 4) return { ok: false, refusal: 'oversized' };
  const text = trimScan(scanned);
  if (text === '') return { ok: false, refusal: 'empty' };
  if (text.length > OVERSIZED_AT) return { ok: false, refusal: 'oversized' };
  if (!/^\d+$/.test(text) || !text.startsWith(QR_PREFIX) || text.length < QR_PREFIX.length + 3) return { ok: false, refusal: 'not_security_code' };
  const version = Number(text[QR_PREFIX.length]);
  if (version !== FORMAT_VERSION) return { ok: false, refusal: 'unknown_version', version };
  if (!mod97Valid(text)) return { ok: false, refusal: 'check_digit' };
  const bytes = digitsToBytes(text.slice(QR_PREFIX.length + 1, -2));
  const code = bytes && parsePayload(version, bytes);
  if (!code) return { ok: false, refusal: 'malformed' };
  if (code.purpose !== PURPOSE_ENABLE_SECURITY_CODE) return { ok: false, refusal: 'unknown_version', version };
  return { ok: true, code };
}

/**
 * For the keyboard-wedge detector: prefix, length and check digits, without parsing. A burst
 * that passes this is a security-code scan (or a misread one, if only the check fails).
 */
export function looksLikeSecurityCode(text: string): boolean {
  return text.length >= MIN_QR_TEXT_LENGTH && text.length <= MAX_QR_TEXT_LENGTH && text.startsWith(QR_PREFIX) && /^\d+$/.test(text) && mod97Valid(text);
}

/** The shape the renderer's keyboard-wedge detector takes (renderer/src/components/wedge): prefix, lengths, check digits. */
export const SECURITY_CODE_WEDGE_FORMAT = {
  prefix: QR_PREFIX,
  minLength: MIN_QR_TEXT_LENGTH,
  maxLength: MAX_QR_TEXT_LENGTH,
  checkDigitValid: mod97Valid,
} as const;
