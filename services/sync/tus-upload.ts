import { TUS_BODY_TYPE } from '../../api/sync/blobs';
import type { Db } from '../store/database';
import { SyncCallError, failureOf, type HttpResponse } from './http-link';
import { unflushed } from './unflushed-write';

// A small tus 1.0 client (core + creation + creation-with-upload): tus-js-client keeps its resume state in its own
// storage, but the resume point must survive a crash together with the rest of sync's state,
// so the upload URL and the offset the server confirmed live in SQLite (sync_uploads).

export const TUS_VERSION = '1.0.0';

/** Bytes [start, end) of the scan go with the request: the sender reads them (the scan thread, scan-reader.ts), this code never holds them. */
export interface ByteRange {
  start: number;
  end: number;
}

export type Send = (method: string, target: string, headers: Record<string, string>, body?: ByteRange) => Promise<HttpResponse>;

export interface UploadProgress {
  sha256: string;
  offset: number;
  size: number;
}

interface UploadRow {
  sha256: string;
  size: number;
  upload_url: string | null;
  offset: number;
  state: 'pending' | 'done';
}

const header = (r: HttpResponse, n: string) => {
  const v = r.headers[n];
  return Array.isArray(v) ? v[0] : v;
};

export function createUploads(db: Db, now: () => string) {
  const s = {
    get: db.prepare<[string], UploadRow>('SELECT * FROM sync_uploads WHERE sha256 = ?'),
    upsert: db.prepare(
      `INSERT INTO sync_uploads (sha256, size, upload_url, offset, state, updated_at) VALUES (?, ?, NULL, 0, 'pending', ?)
       ON CONFLICT (sha256) DO UPDATE SET state = 'pending', upload_url = NULL, offset = 0, updated_at = excluded.updated_at`,
    ),
    started: db.prepare(
      `INSERT INTO sync_uploads (sha256, size, upload_url, offset, state, updated_at) VALUES (?, ?, ?, 0, 'pending', ?)
       ON CONFLICT (sha256) DO UPDATE SET state = 'pending', size = excluded.size, upload_url = excluded.upload_url, offset = 0, updated_at = excluded.updated_at`,
    ),
    progress: db.prepare('UPDATE sync_uploads SET upload_url = ?, offset = ?, updated_at = ? WHERE sha256 = ?'),
    // An upsert: a scan that went whole with its creation request never had a row before this.
    done: db.prepare(
      `INSERT INTO sync_uploads (sha256, size, upload_url, offset, state, updated_at) VALUES (?, ?, NULL, ?, 'done', ?)
       ON CONFLICT (sha256) DO UPDATE SET state = 'done', size = excluded.size, offset = excluded.size, updated_at = excluded.updated_at`,
    ),
    size: db.prepare('UPDATE sync_uploads SET size = ? WHERE sha256 = ?'),
    // The scans of pending ops, and of submissions still in the outbox after `frozenThrough` (not
    // ops yet: their scans are those attached to the application), each once.
    left: db.prepare<[number], { bytes: number | null }>(
      `SELECT sum(b.size - CASE WHEN u.state = 'done' THEN b.size ELSE coalesce(u.offset, 0) END) AS bytes
       FROM (SELECT j.value AS sha FROM sync_ops o, json_each(o.blobs) j WHERE o.state = 'pending'
             UNION
             SELECT p.blob_sha256 FROM outbox x
               JOIN attachments a ON a.application_id = x.subject_id AND a.removed_at IS NULL
               JOIN attachment_pages p ON p.attachment_id = a.id
             WHERE x.sent_at IS NULL AND x.seq > ? AND x.topic = 'application.saved' AND json_extract(x.payload, '$.status') = 'pending_approval') x
       JOIN blobs b ON b.sha256 = x.sha LEFT JOIN sync_uploads u ON u.sha256 = x.sha`,
    ),
  };
  // Not flushed one by one (unflushed-write.ts): a lost URL, offset or done mark only costs a HEAD or a resend.
  const write = (stmt: { run(...a: unknown[]): unknown }, ...args: unknown[]) => void unflushed(db, () => stmt.run(...args));
  return {
    isDone: (sha: string) => s.get.get(sha)?.state === 'done',
    /** Forget that the server had it (a needs_blobs answer says otherwise). */
    markNeeded: (sha: string, size: number) => {
      const row = s.get.get(sha);
      if (!row || row.state === 'done') write(s.upsert, sha, size, now());
      else if (size > 0 && row.size !== size) write(s.size, size, sha);
    },
    /**
     * Before the first byte goes: still to send (a scan sent before goes again only when the
     * server says it lacks it), with its size. A scan never sent before gets its row with its
     * upload URL, in one write.
     */
    prepare: (sha: string, size: number) => {
      const row = s.get.get(sha);
      if (row?.state === 'done') write(s.upsert, sha, size, now());
      else if (row && size > 0 && row.size !== size) write(s.size, size, sha);
    },
    /** A new upload was created at `url` (nothing of it confirmed yet). */
    started: (sha: string, size: number, url: string) => write(s.started, sha, size, url, now()),
    markDone: (sha: string, size: number) => write(s.done, sha, size, size, now()),
    row: (sha: string) => s.get.get(sha),
    saveProgress: (sha: string, url: string | null, offset: number) => write(s.progress, url, offset, now(), sha),
    /**
     * Scan bytes still to upload for the pending ops and for the submissions in the outbox after
     * `frozenThrough` (what is already on the server or sent so far is not counted).
     */
    bytesLeft: (frozenThrough: number) => s.left.get(frozenThrough)?.bytes ?? 0,
  };
}
export type Uploads = ReturnType<typeof createUploads>;

export interface TusOptions {
  /** Creation endpoint, e.g. `/v1/blobs/uploads`. */
  creationPath: string;
  /** Bytes the creation carries (creation-with-upload). */
  chunkBytes: number;
  /** Bytes per PATCH after it (chunkBytes when not said). A PATCH cut off keeps on the server what arrived. */
  patchBytes?: number;
  /** The server's metadata keys for the declared hash. */
  metadata: (sha256: string) => Record<string, string>;
  onProgress?: (p: UploadProgress) => void;
}

function encodeMetadata(m: Record<string, string>): string {
  return Object.entries(m)
    .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
    .join(',');
}

function targetOf(location: string, base: string): string {
  const u = new URL(location, base);
  return u.pathname + u.search;
}

/**
 * Upload the scan whose SHA-256 is `sha` (`size` bytes), resuming from the persisted URL and offset. Every
 * confirmed offset is written before the next chunk goes, so a crash loses at most one chunk.
 */
export async function uploadResumable(send: Send, uploads: Uploads, sha: string, size: number, opts: TusOptions, base = 'http://x'): Promise<void> {
  uploads.prepare(sha, size);
  const row = uploads.row(sha);
  let url = row?.upload_url ?? null;
  let offset = row?.offset ?? 0;
  if (url) {
    const head = await send('HEAD', url, { 'tus-resumable': TUS_VERSION });
    if (head.status === 200 || head.status === 204) {
      offset = Number(header(head, 'upload-offset') ?? 0);
    } else if (head.status === 404 || head.status === 410) {
      url = null; // the server forgot it (expired or cleaned up): start over
      offset = 0;
    } else {
      throw failureOf(head);
    }
  }
  if (!url) {
    // creation-with-upload: the first chunk goes with the creation, so a scan that fits in one
    // chunk (most do) is one request. A cut during it loses at most that chunk, as a PATCH would.
    const first = { start: 0, end: Math.min(size, opts.chunkBytes) };
    const created = await send(
      'POST',
      opts.creationPath,
      {
        'tus-resumable': TUS_VERSION,
        'upload-length': String(size),
        'upload-metadata': encodeMetadata(opts.metadata(sha)),
        'content-type': TUS_BODY_TYPE,
      },
      first.end > 0 ? first : undefined,
    );
    if (created.status !== 201) throw failureOf(created);
    const location = header(created, 'location');
    if (!location) throw new SyncCallError('server', 'tus creation answered without a Location');
    url = targetOf(location, base);
    // A server without creation-with-upload takes none of the bytes and says no offset: they go by PATCH.
    offset = Number(header(created, 'upload-offset') ?? 0);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > first.end) offset = 0;
    if (offset === size) {
      opts.onProgress?.({ sha256: sha, offset, size });
      uploads.markDone(sha, size);
      return;
    }
    uploads.started(sha, size, url);
    if (offset > 0) uploads.saveProgress(sha, url, offset);
  } else {
    uploads.saveProgress(sha, url, offset);
  }
  opts.onProgress?.({ sha256: sha, offset, size });
  while (offset < size || size === 0) {
    const chunk = { start: offset, end: Math.min(size, offset + (opts.patchBytes ?? opts.chunkBytes)) };
    const res = await send(
      'PATCH',
      url,
      { 'tus-resumable': TUS_VERSION, 'upload-offset': String(offset), 'content-type': TUS_BODY_TYPE },
      chunk.end > chunk.start ? chunk : undefined,
    );
    if (res.status === 409) {
      // Our offset is stale (a chunk landed but its answer was lost): ask where it stands.
      const head = await send('HEAD', url, { 'tus-resumable': TUS_VERSION });
      if (head.status !== 200 && head.status !== 204) throw failureOf(head);
      offset = Number(header(head, 'upload-offset') ?? 0);
      uploads.saveProgress(sha, url, offset);
      continue;
    }
    if (res.status !== 204 && res.status !== 200) throw failureOf(res);
    offset = Number(header(res, 'upload-offset') ?? chunk.end);
    // The last chunk's confirmation is the done mark below (one write, not two).
    if (offset < size) uploads.saveProgress(sha, url, offset);
    opts.onProgress?.({ sha256: sha, offset, size });
    if (size === 0) break;
  }
  uploads.markDone(sha, size);
}
