import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { blobFileName, decryptBlob, encryptBlob, newFileKey, sha256Hex, unwrapFileKey, wrapFileKey } from '../store/attachments/blob-crypto';
import { sniffScan, type ScanMime } from '../store/attachments/sniff';
import type { Store } from '../store';

// Scans of applications taken in at another workstation, fetched when a supervisor opens one.
// Kept as this workstation's own scans are: each file AES-256-GCM under its own key, the key
// wrapped by a key-encryption key that lives only inside the encrypted database (sync_state),
// file names keyed so the disk alone does not say which document is here.
//
// A download in progress is kept the same way, piece by piece, so it continues after the app
// is closed or crashes (issue 15): each piece is sealed on its own, bound to its offset, and
// appended to a `.part` file; a piece cut short by a crash fails to open and is cut off, and
// the download goes on from the last whole piece. Nothing is used until the whole scan hashes
// to its address.
//
// These are copies (the server holds the original), so retention removes them as soon as no
// application of this service point is waiting for a decision with them, at the latest the
// retention days after its decision (purgeExpired), and the start sweeps files no row names.

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

interface PartialMeta {
  file: string;
  /** The scan's size as the server said it. */
  size: number;
  /** base64 of the wrapped key the pieces are sealed with. */
  key: string;
}

export interface PartialScan {
  size: number;
  received: number;
}

export const FETCHED_SCANS_DIR = 'fetched-scans';
const DAY_MS = 86_400_000;
const META = 'scanCache.';
const PARTIAL = 'scanPartial.';
const SHA = /^[0-9a-f]{64}$/;

export function createScanCache(store: Store) {
  const db = store.db;
  const dir = join(dirname(store.path), FETCHED_SCANS_DIR);
  const getState = db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const setState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const dropState = db.prepare('DELETE FROM sync_state WHERE key = ?');
  const statesLike = db.prepare<[string], { key: string; value: string }>("SELECT key, value FROM sync_state WHERE key LIKE ? || '%' ORDER BY key");
  // Pulled applications of a service point (not this workstation's own) that name a scan.
  const holdersStmt = db.prepare<[string, string], { status: string; last_at: string | null }>(
    `SELECT json_extract(p.body, '$.status') AS status, json_extract(p.body, '$.history[#-1].at') AS last_at
     FROM sync_pulled p, json_each(p.body, '$.blobs') j
     WHERE p.kind = 'application' AND json_extract(p.body, '$.servicePoint') = ? AND j.value = ?
       AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.id = p.record_id)`,
  );
  const secret = (k: string): Buffer => {
    const have = getState.get(k)?.value;
    if (have) return Buffer.from(have, 'hex');
    const fresh = randomBytes(32).toString('hex');
    setState.run(k, fresh);
    return Buffer.from(fresh, 'hex');
  };
  const metaOf = (sha: string): Meta | undefined => {
    const raw = getState.get(`${META}${sha}`)?.value;
    return raw ? (JSON.parse(raw) as Meta) : undefined;
  };
  const partialMetaOf = (sha: string): PartialMeta | undefined => {
    const raw = getState.get(`${PARTIAL}${sha}`)?.value;
    return raw ? (JSON.parse(raw) as PartialMeta) : undefined;
  };
  // A piece is sealed bound to its scan and offset, so pieces cannot be swapped or replayed elsewhere.
  const sealPiece = (key: Buffer, sha: string, offset: number, plain: Buffer): Buffer => {
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, nonce).setAAD(Buffer.from(`piece:${sha}@${offset}`));
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([nonce, body, c.getAuthTag()]);
  };
  const openPiece = (key: Buffer, sha: string, offset: number, sealed: Buffer): Buffer => {
    if (sealed.length < 28) throw new Error('piece too short');
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12)).setAAD(Buffer.from(`piece:${sha}@${offset}`));
    d.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
  };
  const fileKeyOf = (m: { key: string }, sha: string) => unwrapFileKey(secret(`${META}kek`), Buffer.from(m.key, 'base64'), sha);

  /** The whole pieces of a partial file, in order; a torn or damaged tail is cut off the file. */
  function piecesOf(sha: string, m: PartialMeta): Buffer[] {
    const path = join(dir, m.file);
    if (!existsSync(path)) return [];
    const raw = readFileSync(path);
    const key = fileKeyOf(m, sha);
    const pieces: Buffer[] = [];
    let at = 0;
    let received = 0;
    while (at + 4 <= raw.length) {
      const len = raw.readUInt32BE(at);
      if (at + 4 + len > raw.length) break;
      try {
        const piece = openPiece(key, sha, received, raw.subarray(at + 4, at + 4 + len));
        if (received + piece.length > m.size) break;
        pieces.push(piece);
        received += piece.length;
      } catch {
        break;
      }
      at += 4 + len;
    }
    if (at < raw.length) {
      const fd = openSync(path, 'r+');
      try {
        ftruncateSync(fd, at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    return pieces;
  }

  function dropPartial(sha: string): void {
    const m = partialMetaOf(sha);
    dropState.run(`${PARTIAL}${sha}`);
    if (m) rmSync(join(dir, m.file), { force: true });
  }

  function dropCached(sha: string): void {
    const m = metaOf(sha);
    dropState.run(`${META}${sha}`);
    if (m) rmSync(join(dir, m.file), { force: true });
  }

  const cache = {
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
      const kek = secret(`${META}kek`);
      const file = blobFileName(secret(`${META}nameSalt`), sha);
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
      setState.run(`${META}${sha}`, JSON.stringify(meta));
      return { sha256: sha, mime: meta.mime, size: meta.size };
    },
    /** Decrypted bytes, checked against the address. */
    read(sha: string): Buffer {
      const m = metaOf(sha);
      if (!m) throw new Error(`scan ${sha.slice(0, 12)} was not fetched`);
      return decryptBlob(fileKeyOf(m, sha), readFileSync(join(dir, m.file)), sha);
    },

    /** How far an earlier download of this scan got (also in an earlier run of the app), else undefined. */
    partial(sha: string): PartialScan | undefined {
      const m = partialMetaOf(sha);
      if (!m) return undefined;
      return { size: m.size, received: piecesOf(sha, m).reduce((n, p) => n + p.length, 0) };
    },
    /** Keep the piece at `offset` of a scan of `size` bytes (durable before it returns). */
    appendPiece(sha: string, offset: number, size: number, piece: Buffer): void {
      if (!SHA.test(sha)) throw new Error('not a scan address');
      let m = partialMetaOf(sha);
      if (m && m.size !== size) {
        dropPartial(sha);
        m = undefined;
      }
      if (!m) {
        if (offset !== 0) throw new Error(`scan ${sha.slice(0, 12)}: a piece at ${offset} without the ones before it`);
        const file = `${blobFileName(secret(`${META}nameSalt`), `partial:${sha}`)}.part`;
        m = { file, size, key: wrapFileKey(secret(`${META}kek`), newFileKey(), sha).toString('base64') };
        // The row first: a crash before the file exists leaves a download that starts at 0.
        setState.run(`${PARTIAL}${sha}`, JSON.stringify(m));
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        rmSync(join(dir, m.file), { force: true });
      }
      const sealed = sealPiece(fileKeyOf(m, sha), sha, offset, piece);
      const head = Buffer.alloc(4);
      head.writeUInt32BE(sealed.length);
      const fd = openSync(join(dir, m.file), 'a', 0o600);
      try {
        writeSync(fd, Buffer.concat([head, sealed]));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    /**
     * The download is whole: keep it as a fetched scan if it hashes to its address. Either way
     * the partial is gone afterwards (a damaged download starts again from the beginning).
     */
    completePartial(sha: string): CachedScan {
      const m = partialMetaOf(sha);
      if (!m) throw new Error(`scan ${sha.slice(0, 12)} has no download in progress`);
      try {
        return cache.put(sha, Buffer.concat(piecesOf(sha, m)));
      } finally {
        dropPartial(sha);
      }
    },
    dropPartial,

    /**
     * Retention of the copies: a fetched scan (or a download in progress) goes once no
     * application of `servicePoint` pulled here is waiting for a decision with it — at once when
     * none holds it any more (withdrawn, moved, never pulled), else `scan days` after the last
     * decision on it (settings `retention.scanDays`, as for this workstation's own scans).
     */
    purgeExpired(servicePoint: string, now: Date, actor = 'retention'): { files: number } {
      const days = store.settings.get('retention.scanDays');
      const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
      let files = 0;
      const due = (sha: string, o: { waitingOnly: boolean }): boolean => {
        const holders = holdersStmt.all(servicePoint, sha);
        if (holders.some((h) => h.status === 'pending_approval')) return false;
        if (holders.length === 0 || o.waitingOnly) return true;
        const lastDecision = holders.reduce((at, h) => (h.last_at && h.last_at > at ? h.last_at : at), '');
        return lastDecision <= cutoff;
      };
      for (const row of statesLike.all(META)) {
        const sha = row.key.slice(META.length);
        if (SHA.test(sha) && due(sha, { waitingOnly: false })) {
          dropCached(sha);
          files++;
        }
      }
      // A download nobody can open any more is not finished.
      for (const row of statesLike.all(PARTIAL)) {
        const sha = row.key.slice(PARTIAL.length);
        if (due(sha, { waitingOnly: true })) {
          dropPartial(sha);
          files++;
        }
      }
      if (files > 0) store.audit.append({ actor, action: 'purge', details: { fetchedScans: files, scanDays: days } });
      return { files };
    },

    /** At start: files no row names (a crash between writing a file and its row, or the reverse) go; rows without their file too. */
    sweepOrphans(): number {
      const named = new Set<string>();
      for (const prefix of [META, PARTIAL]) {
        for (const row of statesLike.all(prefix)) {
          const sha = row.key.slice(prefix.length);
          if (!SHA.test(sha)) continue;
          const m = JSON.parse(row.value) as { file: string };
          if (prefix === META && !existsSync(join(dir, m.file))) dropState.run(row.key);
          // Kept whole, then the crash came before its download was cleared away.
          else if (prefix === PARTIAL && cache.get(sha)) dropPartial(sha);
          else named.add(m.file);
        }
      }
      if (!existsSync(dir)) return 0;
      let removed = 0;
      for (const name of readdirSync(dir)) {
        if (named.has(name)) continue;
        rmSync(join(dir, name), { force: true, recursive: true });
        removed++;
      }
      return removed;
    },
  };
  return cache;
}

export type ScanCache = ReturnType<typeof createScanCache>;
