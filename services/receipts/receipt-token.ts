import { createHash, sign, verify } from 'node:crypto';
import type { LocalisedMessage } from '../../i18n';
import { checklistCanonical, entityNamesCanonical } from '../../domain/receipt/receipt-checklist';
import type { ReceiptInput } from '../../domain/receipt/receipt-input';
import { RECEIPT_HASH_BYTES, assembleReceiptToken, encodeReceiptClaims, parseReceiptToken, receiptSignedMessage } from '../../domain/receipt/receipt-token';
import { privateKeyObject, publicKeyObject, type KnownWorkstationKey, type WorkstationSigningKey } from './workstation-keys';

/** SHA-256 of the canonical text, cut to the token's 128 bits. */
export function receiptHash(canonical: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(canonical, 'utf8').digest().subarray(0, RECEIPT_HASH_BYTES));
}

/** Sign the receipt's claims with the workstation's Ed25519 key; the text goes into the QR. */
export function createReceiptToken(input: ReceiptInput, key: WorkstationSigningKey): string {
  const payload = encodeReceiptClaims({
    applicationNumber: input.applicationNumber,
    issuedAtSeconds: Math.floor(Date.parse(input.issuedAt) / 1000),
    workstationId: input.workstationId,
    entityNameHash: receiptHash(entityNamesCanonical(input.entity)),
    checklistHash: receiptHash(checklistCanonical(input)),
  });
  const signature = sign(null, receiptSignedMessage(payload), privateKeyObject(key.privateKey));
  return assembleReceiptToken(payload, new Uint8Array(signature));
}

export interface ReceiptTokenDetails {
  applicationNumber: string;
  /** ISO 8601 instant (UTC), whole seconds. */
  issuedAt: string;
  workstationId: string;
  /** Hex; compare with receiptTokenMatchesRecord when the application record is at hand. */
  entityNameHash: string;
  checklistHash: string;
}

/**
 * valid: a known workstation signed exactly these claims. tampered: the claims or the
 * signature were changed. unknown_workstation: no trusted key for the workstation it names,
 * so the claims shown are unverified. malformed: not a receipt token at all.
 */
export type ReceiptVerification =
  | { status: 'valid'; details: ReceiptTokenDetails; message: LocalisedMessage }
  | { status: 'tampered'; details: ReceiptTokenDetails; message: LocalisedMessage }
  | { status: 'unknown_workstation'; details: ReceiptTokenDetails; message: LocalisedMessage }
  | { status: 'malformed'; reason: string; message: LocalisedMessage };

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Offline check of a scanned token; never throws, whatever the input. */
export function verifyReceiptToken(token: unknown, knownKeys: Iterable<KnownWorkstationKey>): ReceiptVerification {
  try {
    const parsed = parseReceiptToken(token);
    if (!parsed.ok) return { status: 'malformed', reason: parsed.reason, message: { key: 'receipt.verify.malformed' } };
    const { claims, payload, signature } = parsed.token;
    const details: ReceiptTokenDetails = {
      applicationNumber: claims.applicationNumber,
      issuedAt: new Date(claims.issuedAtSeconds * 1000).toISOString().replace('.000Z', 'Z'),
      workstationId: claims.workstationId,
      entityNameHash: hex(claims.entityNameHash),
      checklistHash: hex(claims.checklistHash),
    };
    // A workstation may have more than one trusted key (a re-installed machine): any one will do.
    const keys = [...knownKeys]
      .filter((k) => k.workstationId === claims.workstationId)
      .map((k) => publicKeyObject(k.publicKey))
      .filter((k) => k !== null);
    if (keys.length === 0) {
      return {
        status: 'unknown_workstation',
        details,
        message: { key: 'receipt.verify.unknown_workstation', params: { workstation: claims.workstationId } },
      };
    }
    const message = receiptSignedMessage(payload);
    const ok = keys.some((k) => verify(null, message, k, signature));
    return ok
      ? { status: 'valid', details, message: { key: 'receipt.verify.valid' } }
      : { status: 'tampered', details, message: { key: 'receipt.verify.tampered' } };
  } catch (e) {
    return { status: 'malformed', reason: e instanceof Error ? e.message : 'unreadable', message: { key: 'receipt.verify.malformed' } };
  }
}

/** For the verify screen when the application is on file: do names and documents match the receipt? */
export function receiptTokenMatchesRecord(details: ReceiptTokenDetails, record: ReceiptInput): { entityNames: boolean; checklist: boolean } {
  return {
    entityNames: details.entityNameHash === hex(receiptHash(entityNamesCanonical(record.entity))),
    checklist: details.checklistHash === hex(receiptHash(checklistCanonical(record))),
  };
}
