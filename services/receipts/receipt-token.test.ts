import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../domain/receipt/base32';
import { ReceiptInputSchema } from '../../domain/receipt/receipt-input';
import { RECEIPT_SAMPLES } from '../../domain/receipt/receipt-samples';
import { RECEIPT_TOKEN_PREFIX } from '../../domain/receipt/receipt-token';
import { createReceiptToken, receiptTokenMatchesRecord, verifyReceiptToken } from './receipt-token';
import { generateWorkstationKeyPair, publicKeyOf } from './workstation-keys';

const input = ReceiptInputSchema.parse({ ...RECEIPT_SAMPLES[0]?.input, workstationId: 'W1A2' });
const key = generateWorkstationKeyPair('W1A2');
const known = [{ workstationId: key.workstationId, publicKey: key.publicKey }];
const token = createReceiptToken(input, key);

/** Flip one bit of the decoded token bytes at `index` and re-encode it. */
function flipByte(text: string, index: number): string {
  const bytes = base32Decode(text.slice(RECEIPT_TOKEN_PREFIX.length));
  if (!bytes) throw new Error('not a token');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return RECEIPT_TOKEN_PREFIX + base32Encode(bytes);
}

describe('workstation keys', () => {
  it('gives a raw 32-byte public key and a private key from which it can be derived again', () => {
    expect(Buffer.from(key.publicKey, 'base64url')).toHaveLength(32);
    expect(publicKeyOf(key.privateKey)).toBe(key.publicKey);
    expect(generateWorkstationKeyPair('W1A2').publicKey).not.toBe(key.publicKey);
  });
  it('refuses a workstation id that could not go into a token', () => {
    expect(() => generateWorkstationKeyPair('工作站 1')).toThrow(RangeError);
  });
});

describe('verifyReceiptToken', () => {
  it('accepts a token signed by a known workstation, with what it claims', () => {
    const result = verifyReceiptToken(token, known);
    expect(result.status).toBe('valid');
    expect(result.status !== 'malformed' && result.details).toMatchObject({
      applicationNumber: input.applicationNumber,
      issuedAt: '2026-11-23T03:15:00Z',
      workstationId: 'W1A2',
    });
    expect(result.message.key).toBe('receipt.verify.valid');
  });

  it("says 'tampered' when the application number in the token was changed", () => {
    // Byte 1 is the first character of the application number.
    const result = verifyReceiptToken(flipByte(token, 1), known);
    expect(result.status).toBe('tampered');
  });

  it("says 'tampered' when the issue time or a signature byte was changed", () => {
    const appLength = input.applicationNumber.length;
    expect(verifyReceiptToken(flipByte(token, 1 + appLength + 3), known).status).toBe('tampered');
    const bytes = base32Decode(token.slice(RECEIPT_TOKEN_PREFIX.length));
    expect(verifyReceiptToken(flipByte(token, (bytes?.length ?? 0) - 1), known).status).toBe('tampered');
  });

  it('never calls a token with any single changed byte valid', () => {
    const length = base32Decode(token.slice(RECEIPT_TOKEN_PREFIX.length))?.length ?? 0;
    for (let i = 0; i < length; i++) expect(verifyReceiptToken(flipByte(token, i), known).status, `byte ${i}`).not.toBe('valid');
  });

  it("says 'unknown_workstation' when no trusted key belongs to the workstation, and still shows what it claims", () => {
    const other = generateWorkstationKeyPair('W9Z9');
    const result = verifyReceiptToken(token, [{ workstationId: other.workstationId, publicKey: other.publicKey }]);
    expect(result.status).toBe('unknown_workstation');
    expect(result.message).toEqual({ key: 'receipt.verify.unknown_workstation', params: { workstation: 'W1A2' } });
    expect(result.status !== 'malformed' && result.details.applicationNumber).toBe(input.applicationNumber);
  });

  it("says 'tampered' when the workstation is known but another key signed it (a forger's own key)", () => {
    const forger = generateWorkstationKeyPair('W1A2');
    expect(verifyReceiptToken(createReceiptToken(input, forger), known).status).toBe('tampered');
  });

  it('accepts any of several trusted keys of one workstation (re-installed machine)', () => {
    const old = generateWorkstationKeyPair('W1A2');
    expect(verifyReceiptToken(token, [{ workstationId: 'W1A2', publicKey: old.publicKey }, ...known]).status).toBe('valid');
  });

  it('ignores a broken public key in reference data instead of failing', () => {
    expect(verifyReceiptToken(token, [{ workstationId: 'W1A2', publicKey: 'not a key' }]).status).toBe('unknown_workstation');
  });

  it("says 'malformed' for anything that is not a receipt token, and never throws", () => {
    expect(verifyReceiptToken('https://www.gov.mo/', known).status).toBe('malformed');
    expect(verifyReceiptToken(null, known).status).toBe('malformed');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => token.slice(0, 20) + s),
          fc.constant(token.slice(0, -3)),
        ),
        (text) => {
          const result = verifyReceiptToken(text, known);
          expect(['malformed', 'tampered', 'unknown_workstation']).toContain(result.status);
        },
      ),
    );
  });

  it('lets a verifier with the application on file check names and documents against the receipt', () => {
    const result = verifyReceiptToken(token, known);
    if (result.status !== 'valid') throw new Error(result.status);
    expect(receiptTokenMatchesRecord(result.details, input)).toEqual({ entityNames: true, checklist: true });
    const fewerDocs = { ...input, documents: input.documents.slice(1) };
    expect(receiptTokenMatchesRecord(result.details, fewerDocs)).toEqual({ entityNames: true, checklist: false });
    const renamed = { ...input, entity: { ...input.entity, nameZh: '另一協會' } };
    expect(receiptTokenMatchesRecord(result.details, renamed).entityNames).toBe(false);
    const respaced = { ...input, entity: { ...input.entity, namePt: ` ${input.entity.namePt ?? ''}  ` } };
    expect(receiptTokenMatchesRecord(result.details, respaced).entityNames).toBe(true);
  });
});
