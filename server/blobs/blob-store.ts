import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Where scans live, by content address `sha256/<hex>`. A local directory now; S3-compatible can follow. */
export interface BlobStore {
  has(sha256: string): Promise<boolean>;
  /** Store these bytes, which the caller has verified hash to `sha256`. Idempotent. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  /** The plaintext, verified against its address (a tampered or corrupted file is refused). */
  get(sha256: string): Promise<Buffer>;
}

const MAGIC = Buffer.from('CDB1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class BlobCorruptError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} does not match its address`);
  }
}

/**
 * Local directory, encrypted at rest with AES-256-GCM under the server key: `CDB1 | iv | ciphertext | tag`.
 * Written to a temporary file, flushed, then renamed into place, so a reader never sees half a blob.
 */
export function createLocalBlobStore(root: string, key: Buffer): BlobStore {
  const pathOf = (sha: string) => join(root, 'sha256', sha.slice(0, 2), sha);
  return {
    has: async (sha) => existsSync(pathOf(sha)),
    async put(sha, bytes) {
      const target = pathOf(sha);
      if (existsSync(target)) return;
      await mkdir(join(root, 'sha256', sha.slice(0, 2)), { recursive: true });
      await mkdir(join(root, 'tmp'), { recursive: true });
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(sha));
      const body = Buffer.concat([MAGIC, iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
      const tmp = join(root, 'tmp', `${sha}.${randomBytes(6).toString('hex')}`);
      const fh = await open(tmp, 'w', 0o600);
      try {
        await fh.writeFile(body);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, target).catch(async (e) => {
        await rm(tmp, { force: true });
        throw e;
      });
    },
    async get(sha) {
      const body = await readFile(pathOf(sha));
      if (body.length < MAGIC.length + IV_BYTES + TAG_BYTES || !body.subarray(0, 4).equals(MAGIC)) throw new BlobCorruptError(sha);
      const iv = body.subarray(4, 4 + IV_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(sha));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(body.subarray(4 + IV_BYTES, body.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new BlobCorruptError(sha);
      }
      if (createHash('sha256').update(plain).digest('hex') !== sha) throw new BlobCorruptError(sha);
      return plain;
    },
  };
}
