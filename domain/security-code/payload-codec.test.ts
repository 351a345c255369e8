import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mod97CheckDigits, mod97Valid } from './check-digits';
import { bytesToDigits, digitsToBytes } from './digit-packing';
import { createEs256Verifier } from './es256-verifier';
import { compressP256, decompressP256 } from './p256';
import {
  decodeSecurityCode,
  looksLikeSecurityCode,
  MAX_QR_TEXT_LENGTH,
  MIN_QR_TEXT_LENGTH,
  QR_PREFIX,
  SECURITY_CODE_WEDGE_FORMAT,
  type DecodeRefusal,
} from './payload-codec';
import { newPhoneKey, phoneQr } from './test-support';

const at = new Date('2026-11-23T03:15:00Z');
const verify = createEs256Verifier(globalThis.crypto.subtle);

/** Replace the digit at `i` by another digit. */
const flipDigit = (s: string, i: number) => s.slice(0, i) + String((Number(s[i]) + 1) % 10) + s.slice(i + 1);
/** Re-append correct check digits after tampering with the body. */
const reCheck = (body: string) => body + mod97CheckDigits(body);

describe('digit packing (FIDO hybrid QR style)', () => {
  it('round-trips any bytes, 7 bytes → 17 digits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const d = bytesToDigits(b);
        expect(d).toMatch(/^\d*$/);
        expect(digitsToBytes(d)).toEqual(b);
      }),
    );
    expect(bytesToDigits(new Uint8Array(7).fill(255))).toBe('72057594037927935');
  });
  it('refuses lengths no byte string packs to, and runs too big for their bytes', () => {
    expect(digitsToBytes('1234')).toBeUndefined();
    expect(digitsToBytes('999')).toBeUndefined(); // 3 digits carry one byte: 999 > 255
    expect(digitsToBytes('255')).toEqual(Uint8Array.of(255));
  });
});

describe('ISO 7064 MOD 97-10 check digits', () => {
  it('catch every single-digit change and every adjacent swap of a real code', async () => {
    const { text } = await phoneQr({ entityNumber: '500123', staffLoginId: 'chan.taiman', issuedAt: at });
    expect(mod97Valid(text)).toBe(true);
    for (let i = 0; i < text.length; i++) expect(mod97Valid(flipDigit(text, i))).toBe(false);
    for (let i = 0; i + 1 < text.length; i++) {
      if (text[i] === text[i + 1]) continue;
      expect(mod97Valid(text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2))).toBe(false);
    }
  });
});

describe('P-256 point compression', () => {
  it('decompresses what the phone compressed, and refuses points off the curve', async () => {
    const key = await newPhoneKey();
    const point = decompressP256(key.publicKey);
    expect(point && compressP256(point)).toEqual(key.publicKey);
    const off = Uint8Array.from(key.publicKey);
    off[32] = (off[32] ?? 0) ^ 1; // almost every x has no y on the curve; try until one does not
    let refused = 0;
    for (let i = 0; i < 8; i++) {
      off[31] = i;
      if (decompressP256(off) === undefined) refused += 1;
    }
    expect(refused).toBeGreaterThan(0);
    expect(decompressP256(Uint8Array.of(4, ...key.publicKey.subarray(1)))).toBeUndefined();
  });
});

describe('decodeSecurityCode', () => {
  it('reads back what the phone encoded, and the signature verifies', async () => {
    const { text, fields } = await phoneQr({ entityNumber: '500123', staffLoginId: 'chan.taiman', issuedAt: at, lifetime: 120 });
    expect(text.startsWith(QR_PREFIX + '1')).toBe(true);
    const r = decodeSecurityCode(`${text}\r\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.code).toMatchObject({ version: 1, purpose: 1, issuedAt: fields.issuedAt, lifetime: 120, entityNumber: '500123', staffLoginId: 'chan.taiman' });
    expect(r.code.nonce).toEqual(fields.nonce);
    expect(await verify(r.code.publicKey, r.code.signature, r.code.signedBytes)).toBe('valid');
  });

  it('keeps every code within the length bounds the wedge detector uses (shortest and longest fields)', async () => {
    const shortest = (await phoneQr({ entityNumber: '1', staffLoginId: 'a', issuedAt: at })).text;
    const longest = (await phoneQr({ entityNumber: '9'.repeat(20), staffLoginId: 'x'.repeat(60), issuedAt: at })).text;
    expect(shortest.length).toBe(MIN_QR_TEXT_LENGTH);
    expect(longest.length).toBe(MAX_QR_TEXT_LENGTH);
    expect(looksLikeSecurityCode(shortest) && looksLikeSecurityCode(longest)).toBe(true);
    expect(decodeSecurityCode(longest).ok).toBe(true);
  });

  it('a forged or altered code decodes but does not verify', async () => {
    const forged = await phoneQr({ entityNumber: '500123', staffLoginId: 'chan', issuedAt: at, forge: 'other_key' });
    const flipped = await phoneQr({ entityNumber: '500123', staffLoginId: 'chan', issuedAt: at, forge: 'flip_signature' });
    for (const { text } of [forged, flipped]) {
      const r = decodeSecurityCode(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect(await verify(r.code.publicKey, r.code.signature, r.code.signedBytes)).toBe('invalid');
    }
  });

  const refusals: [string, () => Promise<string> | string, DecodeRefusal][] = [
    ['nothing', () => '', 'empty'],
    ['only a line feed', () => '\n', 'empty'],
    ['a page typed by a wedge scanner', () => '8530' + '1'.repeat(2000), 'oversized'],
    ['a receipt token', () => 'CDR1.ABCDEFGHIJK', 'not_security_code'],
    ['a URL', () => 'https://www.gov.mo/', 'not_security_code'],
    ['replacement characters of non-UTF-8 bytes', () => '8530\uFFFD\uFFFD', 'not_security_code'],
    ['Latin-1 read of binary', () => '\u00ff\u00fe\u0000\u0001', 'not_security_code'],
    ['full-width digits', () => '８５３０１２３', 'not_security_code'],
    ['another prefix', async () => '9' + (await phoneQr({ entityNumber: '5', staffLoginId: 'a', issuedAt: at })).text.slice(1), 'not_security_code'],
    ['version 2', async () => (await phoneQr({ entityNumber: '5', staffLoginId: 'a', issuedAt: at, version: 2 })).text, 'unknown_version'],
    ['another purpose', async () => (await phoneQr({ entityNumber: '5', staffLoginId: 'a', issuedAt: at, purpose: 7 })).text, 'unknown_version'],
    ['one digit misread', async () => flipDigit((await phoneQr({ entityNumber: '5', staffLoginId: 'a', issuedAt: at })).text, 100), 'check_digit'],
    [
      'valid check digits over a cut body',
      async () => reCheck((await phoneQr({ entityNumber: '5', staffLoginId: 'a', issuedAt: at })).text.slice(0, -19)),
      'malformed',
    ],
    ['valid check digits over too few digits', () => reCheck('85301' + '000'), 'malformed'],
  ];
  it.each(refusals)('%s → %s', async (_name, make, refusal) => {
    const r = decodeSecurityCode(await make());
    expect(r).toMatchObject({ ok: false, refusal });
  });

  it('a truncated code is refused as misread (bad check digits) or, when what is left is no length a code has, as malformed', async () => {
    // The phone's signature is random, so how long its digits run varies: a cut can leave a length
    // no byte string packs to, which is refused before the check digits are read (once in CI).
    for (let i = 0; i < 20; i++) {
      const text = (await phoneQr({ entityNumber: '5', staffLoginId: 'a', issuedAt: at })).text;
      for (const cut of [1, 2, 3, 7]) {
        const r = decodeSecurityCode(text.slice(0, -cut));
        expect(r.ok).toBe(false);
        expect(['check_digit', 'malformed']).toContain(r.ok ? null : r.refusal);
      }
    }
  });

  it('a field that is not printable UTF-8 is malformed', () => {
    // Hand-built payload: entity number byte 0xff (not UTF-8), with correct check digits.
    const bytes = new Uint8Array(56 + 1 + 1 + 1 + 1 + 64);
    bytes[0] = 1;
    bytes[23] = 2;
    bytes[56] = 1;
    bytes[57] = 0xff;
    bytes[58] = 1;
    bytes[59] = 0x61;
    expect(decodeSecurityCode(reCheck(QR_PREFIX + '1' + bytesToDigits(bytes)))).toMatchObject({ ok: false, refusal: 'malformed' });
    bytes[57] = 0x0a; // a line feed
    expect(decodeSecurityCode(reCheck(QR_PREFIX + '1' + bytesToDigits(bytes)))).toMatchObject({ ok: false, refusal: 'malformed' });
  });

  it('never throws on arbitrary input, and arbitrary input never decodes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 700 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.anything()), (x) => {
        expect(decodeSecurityCode(x).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary digits behind our prefix never decode, even with correct check digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{0,520}$/), (digits) => {
        expect(decodeSecurityCode(reCheck(QR_PREFIX + '1' + digits)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes packed as a well-formed code decode at most to a code whose signature fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 124, maxLength: 202 }), async (b) => {
        const r = decodeSecurityCode(reCheck(QR_PREFIX + '1' + bytesToDigits(b)));
        if (r.ok) expect(await verify(r.code.publicKey, r.code.signature, r.code.signedBytes)).not.toBe('valid');
      }),
      { numRuns: 100 },
    );
  });
});

describe('SECURITY_CODE_WEDGE_FORMAT', () => {
  it('recognises a real code and refuses it with one digit misread', async () => {
    const { text } = await phoneQr({ entityNumber: '500123', staffLoginId: 'chan', issuedAt: at });
    const f = SECURITY_CODE_WEDGE_FORMAT;
    expect(text.startsWith(f.prefix) && text.length >= f.minLength && text.length <= f.maxLength && f.checkDigitValid(text)).toBe(true);
    expect(f.checkDigitValid(flipDigit(text, 30))).toBe(false);
  });
});
