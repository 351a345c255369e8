import { randomUUID } from 'node:crypto';

/**
 * Large scans cross the API in chunks so the renderer can show progress and never holds a
 * 20 MB string in one message. Chunks are kept in memory (bounded by the size limit and the
 * number of open uploads) until commit; an abandoned upload expires.
 */
export interface UploadMeta {
  applicationId: string;
  slot: string;
  fileName: string;
  size: number;
  /** Who began it: only they may send its chunks and commit it. */
  actor?: string;
  /** Add the file as the next page of this attachment. */
  attachmentId?: string;
}

interface Session {
  meta: UploadMeta;
  chunks: Buffer[];
  received: number;
  touchedAt: number;
}

export type UploadProblem = 'too_large' | 'unknown_upload' | 'out_of_order' | 'size_mismatch' | 'too_many_uploads';

export class UploadError extends Error {
  constructor(
    readonly problem: UploadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export interface UploadSessionsOptions {
  maxBytes: number;
  maxOpen?: number;
  ttlMs?: number;
  now?: () => number;
}

export class UploadSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly maxOpen: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: UploadSessionsOptions) {
    this.maxOpen = opts.maxOpen ?? 8;
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  begin(meta: UploadMeta): string {
    this.expire();
    if (meta.size > this.opts.maxBytes) throw new UploadError('too_large', `File is ${meta.size} bytes, limit ${this.opts.maxBytes}`);
    if (this.sessions.size >= this.maxOpen) throw new UploadError('too_many_uploads', 'Too many uploads in progress');
    const id = randomUUID();
    this.sessions.set(id, { meta, chunks: [], received: 0, touchedAt: this.now() });
    return id;
  }

  /** Chunks must arrive in order (index = number of chunks already received). */
  chunk(uploadId: string, index: number, bytes: Buffer): { received: number; size: number } {
    const s = this.sessions.get(uploadId);
    if (!s) throw new UploadError('unknown_upload', 'Upload not found or expired');
    if (index !== s.chunks.length) throw new UploadError('out_of_order', `Expected chunk ${s.chunks.length}, got ${index}`);
    if (s.received + bytes.length > s.meta.size) {
      this.sessions.delete(uploadId);
      throw new UploadError('size_mismatch', 'More bytes than announced');
    }
    s.chunks.push(bytes);
    s.received += bytes.length;
    s.touchedAt = this.now();
    return { received: s.received, size: s.meta.size };
  }

  /** Hands over the whole file and forgets the session (whatever the caller does next). */
  commit(uploadId: string): { meta: UploadMeta; bytes: Buffer } {
    const s = this.sessions.get(uploadId);
    if (!s) throw new UploadError('unknown_upload', 'Upload not found or expired');
    this.sessions.delete(uploadId);
    if (s.received !== s.meta.size) throw new UploadError('size_mismatch', `Received ${s.received} of ${s.meta.size} bytes`);
    return { meta: s.meta, bytes: Buffer.concat(s.chunks) };
  }

  /** The upload's announcement, for ownership checks before a chunk is taken. */
  meta(uploadId: string): UploadMeta | undefined {
    return this.sessions.get(uploadId)?.meta;
  }

  abort(uploadId: string): void {
    this.sessions.delete(uploadId);
  }

  private expire() {
    const cutoff = this.now() - this.ttlMs;
    for (const [id, s] of this.sessions) if (s.touchedAt < cutoff) this.sessions.delete(id);
  }
}
