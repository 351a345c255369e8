import { compressP256 } from './p256';
import {
  encodeSecurityCode,
  FORMAT_VERSION,
  NONCE_BYTES,
  PURPOSE_ENABLE_SECURITY_CODE,
  signingInput,
  unsignedPayload,
  type SecurityCodeFields,
} from './payload-codec';

// Issue 16: a stand-in for the person's phone, for tests, E2E, benches and `npm run qr:sample`.
// It does what docs/security-code-qr.md asks of the One Account app: a P-256 key pair, a nonce,
// the payload, an ES256 signature. WebCrypto only (Node 20 and the browser), no Node imports.

export interface PhoneKey {
  privateKey: CryptoKey;
  /** SEC1 compressed, as the QR carries it. */
  publicKey: Uint8Array<ArrayBuffer>;
}

export async function newPhoneKey(): Promise<PhoneKey> {
  const { subtle } = globalThis.crypto;
  const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: compressP256(raw) };
}

export interface PhoneQrOptions {
  entityNumber: string;
  staffLoginId: string;
  /** Default: now from the caller's clock is required, so tests pass on any date. */
  issuedAt: Date;
  /** Seconds; default 120 (about two minutes, issue 16). */
  lifetime?: number;
  /** Default: 16 random bytes (the server issues it in real life). */
  nonce?: Uint8Array;
  /** Default: a fresh key. Pass one to make two codes from the same phone. */
  key?: PhoneKey;
  /** Sign with this key but put `publicKey` in the QR (a forgery), or sign other bytes. */
  forge?: 'other_key' | 'flip_signature';
  /** Another purpose byte (not 1) or format version digit (not 1), for refusal samples. */
  purpose?: number;
  version?: number;
}

/** The QR text a phone would show (docs/security-code-qr.md), and the fields it carries. */
export async function phoneQr(o: PhoneQrOptions): Promise<{ text: string; fields: SecurityCodeFields; key: PhoneKey }> {
  const key = o.key ?? (await newPhoneKey());
  const fields: SecurityCodeFields = {
    purpose: o.purpose ?? PURPOSE_ENABLE_SECURITY_CODE,
    nonce: o.nonce ?? globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES)),
    issuedAt: Math.floor(o.issuedAt.getTime() / 1000),
    lifetime: o.lifetime ?? 120,
    publicKey: key.publicKey,
    entityNumber: o.entityNumber,
    staffLoginId: o.staffLoginId,
  };
  const version = o.version ?? FORMAT_VERSION;
  const signer = o.forge === 'other_key' ? (await newPhoneKey()).privateKey : key.privateKey;
  const signature = new Uint8Array(
    await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer, signingInput(version, unsignedPayload(fields))),
  );
  if (o.forge === 'flip_signature') signature[10] = (signature[10] ?? 0) ^ 0x01;
  return { text: encodeSecurityCode(fields, signature, version), fields, key };
}
