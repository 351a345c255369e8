import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32';
import { assembleReceiptToken, encodeReceiptClaims, parseReceiptToken, RECEIPT_TOKEN_PREFIX, type ReceiptTokenClaims } from './receipt-token';

const claims: ReceiptTokenClaims = {
  applicationNumber: 'W1A2-20261123-0007',
  issuedAtSeconds: Date.parse('2026-11-23T03:15:00Z') / 1000,
  workstationId: 'W1A2',
  entityNameHash: new Uint8Array(16).fill(0xab),
  checklistHash: new Uint8Array(16).fill(0xcd),
};
const signature = new Uint8Array(64).fill(7);

describe('base32', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
      }),
    );
  });
  it('matches RFC 4648 test vectors (without padding)', () => {
    const enc = (s: string) => base32Encode(new TextEncoder().encode(s));
    expect([enc('f'), enc('fo'), enc('foo'), enc('foob'), enc('fooba'), enc('foobar')]).toEqual(['MY', 'MZXQ', 'MZXW6', 'MZXW6YQ', 'MZXW6YTB', 'MZXW6YTBOI']);
  });
  it('rejects non-canonical text, so one token has one spelling', () => {
    expect(base32Decode('MZ')).toBeNull(); // leftover bits set
    expect(base32Decode('M1')).toBeNull(); // not in the alphabet
    expect(base32Decode('MZXW6Y0')).toBeNull();
    expect(base32Decode('A')).toBeNull(); // impossible length
  });
});

describe('receipt token format', () => {
  it('parses what it encodes', () => {
    const token = assembleReceiptToken(encodeReceiptClaims(claims), signature);
    expect(token.startsWith(RECEIPT_TOKEN_PREFIX)).toBe(true);
    const parsed = parseReceiptToken(token);
    expect(parsed.ok && parsed.token.claims).toEqual(claims);
    expect(parsed.ok && parsed.token.signature).toEqual(signature);
  });

  it('stays inside the QR alphanumeric character set (smaller QR on the roll)', () => {
    const token = assembleReceiptToken(encodeReceiptClaims(claims), signature);
    expect(token).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    // 221 alphanumeric characters is what a version 8 QR (49×49) holds at error correction M.
    expect(token.length).toBeLessThanOrEqual(221);
  });

  it('forgives lower case and spaces from a hand-typed token', () => {
    const token = assembleReceiptToken(encodeReceiptClaims(claims), signature);
    expect(parseReceiptToken(`  ${token.toLowerCase()}\n`).ok).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['a number', 42],
    ['empty', ''],
    ['another QR (a URL)', 'https://www.gov.mo/'],
    ['prefix only', RECEIPT_TOKEN_PREFIX],
    ['truncated', assembleReceiptToken(encodeReceiptClaims(claims), signature).slice(0, 60)],
    ['extra characters', `${assembleReceiptToken(encodeReceiptClaims(claims), signature)}AAAAAAAA`],
  ])('says why it cannot read %s', (_case, input) => {
    const parsed = parseReceiptToken(input);
    expect(parsed.ok).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => RECEIPT_TOKEN_PREFIX + s),
          fc.uint8Array().map((b) => RECEIPT_TOKEN_PREFIX + base32Encode(b)),
        ),
        (text) => {
          expect(() => parseReceiptToken(text)).not.toThrow();
        },
      ),
    );
  });

  it('refuses to encode claims it could not read back', () => {
    expect(() => encodeReceiptClaims({ ...claims, applicationNumber: '申請 1' })).toThrow(RangeError);
    expect(() => encodeReceiptClaims({ ...claims, issuedAtSeconds: -1 })).toThrow(RangeError);
    expect(() => encodeReceiptClaims({ ...claims, checklistHash: new Uint8Array(8) })).toThrow(RangeError);
  });
});
