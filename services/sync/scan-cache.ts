import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { blobFileName, decryptBlob, encryptBlob, newFileKey, sha256Hex, unwrapFileKey, wrapFileKey } from '../store/attachments/blob-crypto';
import { sniffScan, type ScanMime } from '../store/attachments/sniff';
import type { Store } from '../store';

// Scans of applications taken in at another workstation, fetched when a supervisor opens one.
// Kept as this workstation's own scans are: each file AES-256-GCM under its own key, the key
// wrapped by a key-encryption key that lives only inside the encrypted database (sync_state),
// file names keyed so the disk alone does not say which document is here.

export interface CachedScan {
  sha256: string;
  mime: ScanMime;
  size: number;
}

interface Meta {
  file: string;
  mime: ScanMime;
  size: number;
  /** base64 of the wrapped file key. */
  key: string;
}

export const FETCHED_SCANS_DIR = 'fetched-scans';

export function createScanCache(store: Store) {
  const db = store.db;
  const dir = join(dirname(store.path), FETCHED_SCANS_DIR);
  const getState = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const setState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const secret = (k: string): Buffer => {
    const have = getState.get(k)?.value;
    if (have) return Buffer.from(have, 'hex');
    const fresh = randomBytes(32).toString('hex');
    setState.run(k, fresh);
    return Buffer.from(fresh, 'hex');
  };
  const metaOf = (sha: string): Meta | undefined => {
    const raw = getState.get(`scanCache.${sha}`)?.value;
    return raw ? (JSON.parse(raw) as Meta) : undefined;
  };

  return {
    /** The scan when it is here (its file too), else undefined. */
    get(sha: string): CachedScan | undefined {
      const m = metaOf(sha);
      return m && existsSync(join(dir, m.file)) ? { sha256: sha, mime: m.mime, size: m.size } : undefined;
    },
    /** Keep bytes that hash to `sha` (anything else is refused: a damaged or forged download is never kept). */
    put(sha: string, bytes: Buffer): CachedScan {
      if (sha256Hex(bytes) !== sha) throw new Error(`downloaded scan ${sha.slice(0, 12)} does not match its address`);
      const sniff = sniffScan(bytes);
      if (!sniff.ok) throw new Error(`downloaded scan ${sha.slice(0, 12)} is not a scan this workstation shows: ${sniff.detail}`);
      const kek = secret('scanCache.kek');
      const file = blobFileName(secret('scanCache.nameSalt'), sha);
      const fileKey = newFileKey();
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = join(dir, `${file}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        writeFileSync(tmp, encryptBlob(fileKey, bytes, sha), { mode: 0o600 });
        renameSync(tmp, join(dir, file));
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      const meta: Meta = { file, mime: sniff.mime, size: bytes.length, key: wrapFileKey(kek, fileKey, sha).toString('base64') };
      setState.run(`scanCache.${sha}`, JSON.stringify(meta));
      return { sha256: sha, mime: meta.mime, size: meta.size };
    },
    /** Decrypted bytes, checked against the address. */
    read(sha: string): Buffer {
      const m = metaOf(sha);
      if (!m) throw new Error(`scan ${sha.slice(0, 12)} was not fetched`);
      const fileKey = unwrapFileKey(secret('scanCache.kek'), Buffer.from(m.key, 'base64'), sha);
      return decryptBlob(fileKey, readFileSync(join(dir, m.file)), sha);
    },
  };
}

export type ScanCache = ReturnType<typeof createScanCache>;
