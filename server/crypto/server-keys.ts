import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

// The server's secrets: the Ed25519 key that signs responses (pinned by workstations at
// enrolment) and the AES-256 key that encrypts scans at rest. Every node of one deployment
// reads the same file; it never goes into the database (a database dump must not decrypt scans).

const KeyFileSchema = z
  .object({
    version: z.literal(1),
    signingKeyPkcs8: z.string().min(40).max(200),
    blobKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  })
  .strict();

export interface ServerKeys {
  signingKey: KeyObject;
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: string;
  blobKey: Buffer;
}

export function ed25519RawPublic(key: KeyObject): string {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return String(jwk.x);
}

/**
 * The signing key's public half as workstations pin it, or null when the server has not made
 * its key file yet. Never creates one: a key made here would not be the one the nodes use.
 */
export function readServerPublicKey(file: string): string | null {
  if (!existsSync(file)) return null;
  const parsed = KeyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return ed25519RawPublic(createPrivateKey({ key: Buffer.from(parsed.signingKeyPkcs8, 'base64'), format: 'der', type: 'pkcs8' }));
}

export function loadOrCreateServerKeys(file: string): ServerKeys {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const body = {
      version: 1,
      signingKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      blobKey: randomBytes(32).toString('base64'),
    };
    mkdirSync(dirname(file), { recursive: true });
    // wx: two nodes starting at once on a shared folder must not overwrite each other's key.
    try {
      writeFileSync(file, JSON.stringify(body), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const parsed = KeyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const signingKey = createPrivateKey({ key: Buffer.from(parsed.signingKeyPkcs8, 'base64'), format: 'der', type: 'pkcs8' });
  return { signingKey, publicKey: ed25519RawPublic(signingKey), blobKey: Buffer.from(parsed.blobKey, 'base64') };
}
