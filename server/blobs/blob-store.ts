import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, unlink as unlinkCb } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Callback API on the upload path (adopt): the promise API's FileHandle objects cost a busy node more than the call.
const unlinkQuietly = (path: string) =>
  promisify(unlinkCb)(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });

/** Where scans live, by content address `sha256/<hex>`. A local directory now; S3-compatible can follow. */
export interface BlobStore {
  has(sha256: string): Promise<boolean>;
  /** Store these bytes, which the caller has verified hash to `sha256`. Idempotent. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  /** The plaintext, verified against its address (a tampered or corrupted file is refused). */
  get(sha256: string): Promise<Buffer>;
  /**
   * Starts sealing a blob that should hash to `sha256` as its bytes stream in (a tus upload):
   * the sealer's header, its output and its trailer, in that order, are the file `adopt` takes.
   */
  seal(sha256: string): BlobSealer;
  /** The same sealer again, from the header and ciphertext written so far (an upload resumed after its sealer was lost). */
  resumeSeal(sha256: string, sealedPrefix: Buffer): BlobSealer;
  /** Moves a complete sealed file, already flushed, into place under `sha256` (the caller verified the hash). Idempotent. */
  adopt(sha256: string, sealedFile: string): Promise<void>;
}

/** Encrypts and hashes a blob's bytes in one pass as they arrive, so nothing is read back to be sealed. */
export interface BlobSealer {
  readonly header: Buffer;
  /** How many plaintext bytes it has taken. */
  readonly consumed: number;
  /** The ciphertext of the next bytes. */
  update(plain: Buffer): Buffer;
  /** No more bytes: the SHA-256 of all of them, and the trailer that closes the sealed file. */
  finish(): { sha256: string; trailer: Buffer };
}

const MAGIC = Buffer.from('CDB1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes before the ciphertext in a sealed file: MAGIC | iv. */
export const SEALED_HEADER_BYTES = MAGIC.length + IV_BYTES;

export class BlobCorruptError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} does not match its address`);
  }
}

function sealer(key: Buffer, sha256: string, iv: Buffer): BlobSealer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The address is authenticated with the bytes: a sealed file moved to another address fails to open.
  cipher.setAAD(Buffer.from(sha256));
  const hash = createHash('sha256');
  let consumed = 0;
  return {
    header: Buffer.concat([MAGIC, iv]),
    get consumed() {
      return consumed;
    },
    update(plain) {
      consumed += plain.length;
      hash.update(plain);
      return cipher.update(plain);
    },
    finish() {
      const last = cipher.final(); // GCM is a stream mode: always empty
      return { sha256: hash.digest('hex'), trailer: Buffer.concat([last, cipher.getAuthTag()]) };
    },
  };
}

/**
 * GCM's state cannot be saved, but it can be replayed: its ciphertext is AES-CTR from the
 * counter block after J0 (iv | 00000002 for a 96-bit iv), so the prefix decrypts with CTR and
 * is fed again to a fresh sealer, which then stands exactly where the lost one stood.
 */
function resumedSealer(key: Buffer, sha256: string, sealedPrefix: Buffer): BlobSealer {
  if (sealedPrefix.length < SEALED_HEADER_BYTES || !sealedPrefix.subarray(0, MAGIC.length).equals(MAGIC)) throw new BlobCorruptError(sha256);
  const iv = sealedPrefix.subarray(MAGIC.length, SEALED_HEADER_BYTES);
  const s = sealer(key, sha256, Buffer.from(iv));
  const ctr = createDecipheriv('aes-256-ctr', key, Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]));
  s.update(ctr.update(sealedPrefix.subarray(SEALED_HEADER_BYTES)));
  return s;
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
      const s = sealer(key, sha, randomBytes(IV_BYTES));
      const body = Buffer.concat([s.header, s.update(bytes), s.finish().trailer]);
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
    seal: (sha) => sealer(key, sha, randomBytes(IV_BYTES)),
    resumeSeal: (sha, prefix) => resumedSealer(key, sha, prefix),
    async adopt(sha, sealedFile) {
      const target = pathOf(sha);
      if (existsSync(target)) return unlinkQuietly(sealedFile);
      // The 256 prefix directories are made when first needed, not looked at on every scan. A
      // rename on the node's own disk is microseconds: done here, not queued behind other uploads'
      // flushes on libuv's threads (sealed-upload-store.ts).
      try {
        renameSync(sealedFile, target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        mkdirSync(join(root, 'sha256', sha.slice(0, 2)), { recursive: true });
        renameSync(sealedFile, target);
      }
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
