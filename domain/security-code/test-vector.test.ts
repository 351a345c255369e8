import { describe, expect, it } from 'vitest';
import { createEs256Verifier } from './es256-verifier';
import { decodeSecurityCode, signingInput, unsignedPayload } from './payload-codec';
import { toHex } from './verify-scan';

// The fixed test vector of docs/security-code-qr.md, for whoever implements the phone side:
// made once with a key whose private half was thrown away (ES256 signatures are randomised,
// so a vector can only be checked, not reproduced). If this test fails, the format changed:
// that is a new version, not an edit.

const VECTOR = {
  text: '853010141178584858624103389837449627398508579250238295175252220303982387221407245283565436478389328284104715650701935285615211261381536305348144104106554954303270214891394740319338684590287201649069454764476940981346896249762227954746920020310289439177616164614457881113545942939896188863746260002620315152766866088679625136632516665643681174948',
  publicKey: '0257aa98ba7c1fbfb2c60d4c67d2ab8541f5a958d6d7afd5c0c8c4d026b62a0228',
  unsigned:
    '01000102030405060708090a0b0c0d0e0f6b03afb400780257aa98ba7c1fbfb2c60d4c67d2ab8541f5a958d6d7afd5c0c8c4d026b62a0228063530303132330b6368616e2e7461696d616e',
  signingInput:
    '4f6e654163636f756e742f5365637572697479436f6465000101000102030405060708090a0b0c0d0e0f6b03afb400780257aa98ba7c1fbfb2c60d4c67d2ab8541f5a958d6d7afd5c0c8c4d026b62a0228063530303132330b6368616e2e7461696d616e',
};

describe('security-code QR test vector (docs/security-code-qr.md)', () => {
  it('decodes to the documented fields, bytes and signing input, and its signature verifies', async () => {
    const r = decodeSecurityCode(VECTOR.text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.code;
    expect({ version: c.version, purpose: c.purpose, issuedAt: new Date(c.issuedAt * 1000).toISOString(), lifetime: c.lifetime }).toEqual({
      version: 1,
      purpose: 1,
      issuedAt: '2026-11-23T03:15:00.000Z',
      lifetime: 120,
    });
    expect({ nonce: toHex(c.nonce), publicKey: toHex(c.publicKey), entityNumber: c.entityNumber, staffLoginId: c.staffLoginId }).toEqual({
      nonce: '000102030405060708090a0b0c0d0e0f',
      publicKey: VECTOR.publicKey,
      entityNumber: '500123',
      staffLoginId: 'chan.taiman',
    });
    expect(toHex(unsignedPayload(c))).toBe(VECTOR.unsigned);
    expect(toHex(c.signedBytes)).toBe(VECTOR.signingInput);
    expect(toHex(signingInput(1, unsignedPayload(c)))).toBe(VECTOR.signingInput);
    expect(await createEs256Verifier(globalThis.crypto.subtle)(c.publicKey, c.signature, c.signedBytes)).toBe('valid');
  });
});
