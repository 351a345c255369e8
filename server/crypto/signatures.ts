import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { contentDigestValue } from '../../api/sync/signing';

/** An Ed25519 public key from its raw 32 bytes in base64url. */
export function ed25519PublicKey(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** RFC 9530 Content-Digest value of these bytes. */
export const contentDigestOf = (body: Buffer | string): string => contentDigestValue(createHash('sha256').update(body).digest('base64'));

export function verifyEd25519(publicKey: KeyObject, message: string, signatureB64url: string): boolean {
  const sig = Buffer.from(signatureB64url, 'base64url');
  if (sig.length !== 64) return false;
  try {
    return verify(null, Buffer.from(message, 'utf8'), publicKey, sig);
  } catch {
    return false;
  }
}

export const signEd25519 = (privateKey: KeyObject, message: string): string => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64url');
