import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { StoreError } from '../errors';

const FILE_MAGIC = Buffer.from('CDS1', 'latin1');
const NONCE = 12;
const TAG = 16;

/** Key-encryption key for scan file keys, derived from (and rotated with) the database key. */
export function deriveKek(dbKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'counterdesk/attachments/kek/v1', 32));
}

/** Names which KEK wrapped a file key, so a half-finished rotation can be told apart. */
export function kekId(kek: Buffer): string {
  return createHash('sha256').update('counterdesk/kek-id').update(kek).digest('hex').slice(0, 16);
}

function seal(key: Buffer, plain: Buffer, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([nonce, body, c.getAuthTag()]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < NONCE + TAG) throw new Error('sealed data too short');
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  return Buffer.concat([d.update(sealed.subarray(NONCE, sealed.length - TAG)), d.final()]);
}

export function newFileKey(): Buffer {
  return randomBytes(32);
}

export function wrapFileKey(kek: Buffer, fileKey: Buffer, sha256: string): Buffer {
  return seal(kek, fileKey, Buffer.from(`key:${sha256}`));
}

export function unwrapFileKey(kek: Buffer, wrapped: Buffer, sha256: string): Buffer {
  try {
    return open(kek, wrapped, Buffer.from(`key:${sha256}`));
  } catch (e) {
    throw new StoreError('wrong_key', `the key of scan ${sha256.slice(0, 12)} does not unwrap with this database key`, undefined, { cause: e });
  }
}

/** File layout: "CDS1" | nonce | AES-256-GCM(plaintext) | tag; the hash is bound as AAD. */
export function encryptBlob(fileKey: Buffer, plain: Buffer, sha256: string): Buffer {
  return Buffer.concat([FILE_MAGIC, seal(fileKey, plain, Buffer.from(`blob:${sha256}`))]);
}

export function decryptBlob(fileKey: Buffer, file: Buffer, sha256: string): Buffer {
  if (!file.subarray(0, 4).equals(FILE_MAGIC)) throw new StoreError('corrupt', `scan file ${sha256.slice(0, 12)} has a damaged header`);
  let plain: Buffer;
  try {
    plain = open(fileKey, file.subarray(4), Buffer.from(`blob:${sha256}`));
  } catch (e) {
    throw new StoreError('corrupt', `scan file ${sha256.slice(0, 12)} is damaged or truncated`, undefined, { cause: e });
  }
  if (sha256Hex(plain) !== sha256) throw new StoreError('corrupt', `scan file ${sha256.slice(0, 12)} does not match its hash`);
  return plain;
}

export function sha256Hex(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/**
 * On-disk name of a blob: keyed, so that someone holding the disk but not the key cannot
 * test whether a known document (say, a published ID scan) is stored here.
 */
export function blobFileName(nameSalt: Buffer, sha256: string): string {
  return createHmac('sha256', nameSalt).update(sha256).digest('hex');
}
