import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { WORKSTATION_ID_PATTERN } from '../../domain/receipt/receipt-input';

// Ed25519 keys of a workstation. The private key is handed out once, at set-up, for the
// caller to keep in the workstation's encrypted store; this module never stores anything.

export interface WorkstationKeyPair {
  workstationId: string;
  /** Raw 32-byte Ed25519 public key, base64url: what reference data distributes. */
  publicKey: string;
  /** PKCS#8 DER, base64: secret, to be stored encrypted. */
  privateKey: string;
}

/** What renderReceiptPdf needs to sign: the private key and whose it is. */
export interface WorkstationSigningKey {
  workstationId: string;
  privateKey: string;
}

/** A public key a verifier trusts (this workstation, or others from reference data). */
export interface KnownWorkstationKey {
  workstationId: string;
  publicKey: string;
}

export function generateWorkstationKeyPair(workstationId: string): WorkstationKeyPair {
  if (!WORKSTATION_ID_PATTERN.test(workstationId)) throw new RangeError(`invalid workstation id: ${workstationId}`);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    workstationId,
    publicKey: rawPublicKey(publicKey),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

export function privateKeyObject(privateKey: string): KeyObject {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new RangeError('not an Ed25519 private key');
  return key;
}

/** The public half of a stored private key, e.g. to publish it again after a restore. */
export function publicKeyOf(privateKey: string): string {
  return rawPublicKey(createPublicKey(privateKeyObject(privateKey)));
}

/** null for anything that is not a 32-byte Ed25519 key (reference data may be wrong). */
export function publicKeyObject(publicKey: string): KeyObject | null {
  try {
    if (!/^[A-Za-z0-9_-]{43}=?$/.test(publicKey)) return null;
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.replace(/=$/, '') }, format: 'jwk' });
  } catch {
    return null;
  }
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('Ed25519 public key without x');
  return jwk.x;
}
