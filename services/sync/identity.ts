import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadOrCreateKeyFile, writeKeyFile } from '../store/keys';

// The workstation's signing key is a 32-byte Ed25519 seed: the same size as the database key,
// so it is kept exactly like that key — wrapped by the OS key store (safeStorage) in Electron,
// where the window process unwraps it and passes it to the core (electron/main/core-secrets.ts),
// a 0600 key file in the harness and tests — and never enters the database.

/** The seed's plain 0600 file in the data directory (harness, tests; an earlier install's, which Electron migrates). */
export const SYNC_SIGNING_KEY_FILE = 'sync-signing.key';

/** Where the signing seed lives; the implementations mirror how the database key is kept. */
export interface SigningKeyStore {
  exists(): boolean;
  load(): Buffer;
  /** A fresh seed replaces any earlier one (re-enrolment after a revocation); settled once it is kept for good. */
  replace(seed: Buffer): void | Promise<void>;
}

export function keyFileSigningStore(path: string): SigningKeyStore {
  return {
    exists: () => existsSync(path),
    load: () => loadOrCreateKeyFile(path),
    replace: (seed) => writeKeyFile(path, seed),
  };
}

/**
 * The core's side in Electron (issue 12): the window process unwrapped the seed and passed it in,
 * and only it can wrap a new one, so `keep` asks it to (services/core/host). The seed is used
 * from the moment it is kept, never before: an enrolment whose key was not kept is not enrolled.
 */
export function inMemorySigningStore(seed: Uint8Array | null, keep: (seed: Buffer) => Promise<void>): SigningKeyStore {
  let current = seed ? Buffer.from(seed) : null;
  return {
    exists: () => current !== null,
    load: () => {
      if (!current) throw new Error('this workstation has no sync signing key (not enrolled)');
      return current;
    },
    replace: async (next) => {
      await keep(Buffer.from(next));
      current = Buffer.from(next);
    },
  };
}

// PKCS#8 DER prefix of an Ed25519 private key (RFC 8410); the 32-byte seed follows it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
// SPKI DER prefix of an Ed25519 public key; the 32 raw bytes follow it.
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKey {
  /** Raw public key, base64url without padding (the protocol's Ed25519PublicKey). */
  publicKey: string;
  sign(data: string): string;
}

export function newSeed(): Buffer {
  return randomBytes(32);
}

export function signingKeyFromSeed(seed: Buffer): SigningKey {
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  return {
    publicKey: spki.subarray(SPKI_ED25519_PREFIX.length).toString('base64url'),
    sign: (data) => sign(null, Buffer.from(data, 'utf8'), priv).toString('base64url'),
  };
}

export function publicKeyFromRaw(raw: string): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(raw, 'base64url')]), format: 'der', type: 'spki' });
}

/** Verify an Ed25519 signature (base64url, or base64) over UTF-8 text. */
export function verifySignature(publicKey: string, data: string, signature: string): boolean {
  try {
    const sig = Buffer.from(signature, /[+/=]/.test(signature) ? 'base64' : 'base64url');
    return verify(null, Buffer.from(data, 'utf8'), publicKeyFromRaw(publicKey), sig);
  } catch {
    return false;
  }
}
