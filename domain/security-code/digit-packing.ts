// Bytes as decimal digits for a QR code's numeric mode (3.33 bits a character, against 5.5 in
// alphanumeric and 8 in byte mode), exactly as FIDO CTAP 2.2 packs the hybrid (caBLE) QR:
// each run of 7 bytes, read as a little-endian integer, becomes 17 digits (zero-padded); a last
// run of n < 7 bytes becomes PARTIAL_DIGITS[n] digits. Digits also type safely through a
// keyboard-wedge scanner with a Chinese input method on (they never start a composition).

const CHUNK_BYTES = 7;
const CHUNK_DIGITS = 17;
/** Digits for a last run of n bytes: enough for 256^n - 1. */
const PARTIAL_DIGITS = [0, 3, 5, 8, 10, 13, 15] as const;

export function bytesToDigits(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) {
    const n = Math.min(CHUNK_BYTES, bytes.length - i);
    let v = 0n;
    for (let j = n - 1; j >= 0; j--) v = (v << 8n) | BigInt(bytes[i + j] ?? 0);
    out += v.toString().padStart(n === CHUNK_BYTES ? CHUNK_DIGITS : (PARTIAL_DIGITS[n] ?? 0), '0');
  }
  return out;
}

/** The number of bytes `digitCount` digits carry, or undefined if no byte string packs to that many. */
export function byteLengthOfDigits(digitCount: number): number | undefined {
  const rest = digitCount % CHUNK_DIGITS;
  const partial = PARTIAL_DIGITS.indexOf(rest as (typeof PARTIAL_DIGITS)[number]);
  if (partial < 0) return undefined;
  return Math.floor(digitCount / CHUNK_DIGITS) * CHUNK_BYTES + partial;
}

/** Inverse of bytesToDigits; undefined for a length no byte string has, or a run too large for its bytes. */
export function digitsToBytes(digits: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^\d*$/.test(digits)) return undefined;
  const total = byteLengthOfDigits(digits.length);
  if (total === undefined) return undefined;
  const out = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < digits.length;) {
    const n = Math.min(CHUNK_BYTES, total - at);
    const width = n === CHUNK_BYTES ? CHUNK_DIGITS : (PARTIAL_DIGITS[n] ?? 0);
    let v = BigInt(digits.slice(i, i + width));
    if (v >> BigInt(8 * n) !== 0n) return undefined;
    for (let j = 0; j < n; j++) {
      out[at + j] = Number(v & 0xffn);
      v >>= 8n;
    }
    at += n;
    i += width;
  }
  return out;
}
