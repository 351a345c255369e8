import { closeSync, fsync, mkdirSync, openSync, read, stat, statSync, unlink, write, writev, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { FileStore } from '@tus/file-store';
import { ERRORS, Upload } from '@tus/utils';
import { SEALED_HEADER_BYTES, type BlobSealer, type BlobStore } from './blob-store';
import { UploadRecords } from './upload-records';

// The callback file API throughout: the promise API opens a FileHandle object per call, which on
// a busy node costs more main-thread time than the small writes of an upload themselves.
// Opening, closing (and, in blob-store.ts, renaming) a file are synchronous: microseconds on the
// node's local disk, where a trip to libuv's four threads waited behind other uploads' flushes
// and cost two thread wake-ups each (as the stat in getUpload below). Writes, reads and flushes
// stay off the thread.
const fsP = {
  fsync: promisify(fsync),
  read: promisify(read),
  stat: promisify(stat),
  write: promisify(write),
  writev: promisify(writev),
  unlink: (path: string) =>
    promisify(unlink)(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    }),
};

/** tus's own upload ids (random hex): anything else in a URL is not an upload of ours. */
const UPLOAD_ID = /^[0-9a-f]{16,64}$/;
/** Sealers kept between PATCHes; an upload whose sealer was dropped replays it from disk. */
const LIVE_SEALERS = 256;

/** A finished upload: what its bytes hash to, and its sealed file, flushed, ready for `BlobStore.adopt`. */
export interface SealedUpload {
  sha256: string;
  file: string;
}

/** Sealed bytes gathered before they are written: fewer, larger writes (each costs a trip to libuv's threads). */
const WRITE_BATCH_BYTES = 1024 * 1024;

interface LiveUpload {
  sealer: BlobSealer;
  upload: Upload;
  /**
   * A creation that carries its first bytes (creation-with-upload) and has neither file nor record
   * yet: only its own request knows its URL, so both are written only if it ends unfinished.
   */
  unrecorded: boolean;
  /** The creation request's Content-Length: fewer bytes than that means the request was cut off. */
  declaredBytes?: number;
}

/**
 * tus uploads written straight in the blob store's sealed format: each request's bytes are hashed
 * and AES-256-GCM encrypted as they stream to disk, so a finished upload is never read back — it
 * is closed with the GCM tag, flushed once, verified against its declared SHA-256 and renamed
 * into place. The upload directory never holds a scan in clear, even one abandoned half-way.
 *
 * The hash and cipher state of an upload lives in memory between its requests. A PATCH that finds
 * none (another node took the previous one, the process restarted, or the previous PATCH was cut
 * off and its state no longer matches the file) rebuilds it from the ciphertext on disk, so a
 * resumed upload costs one extra read only when it is resumed somewhere else.
 *
 * A scan that comes whole with its creation (most do) costs one file: opened once, written in a
 * few large writes with its tag, flushed, renamed into place — no upload record, no reopening.
 */
export class SealedUploadStore extends FileStore {
  private readonly live = new Map<string, LiveUpload>();
  /** Uploads whose last bytes were sealed and flushed by `write`, waiting for `finish`. */
  private readonly sealed = new Map<string, SealedUpload>();
  /** Creations that carry bytes, with the request's Content-Length (said by the tus server's onUploadCreate, before `create`). */
  private readonly carryingBytes = new Map<string, number | undefined>();
  /** Uploads that have no record on disk (finished by their creation request, or not yet written). */
  private readonly unrecordedIds = new Set<string>();

  constructor(
    directory: string,
    private readonly blobs: BlobStore,
  ) {
    super({ directory, configstore: new UploadRecords(directory) });
  }

  private pathOf(id: string): string {
    if (!UPLOAD_ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return join(this.directory, id);
  }

  /** The creation of `id` carries its first bytes (`length` of them, when declared): its file and record wait for them (see LiveUpload.unrecorded). */
  creationCarriesBytes(id: string, length: number | undefined): void {
    this.carryingBytes.set(id, length);
  }

  override async create(upload: Upload): Promise<Upload> {
    const file = this.pathOf(upload.id);
    const sealer = this.blobs.seal(declaredSha256(upload));
    const unrecorded = this.carryingBytes.has(upload.id);
    const declaredBytes = this.carryingBytes.get(upload.id);
    this.carryingBytes.delete(upload.id);
    if (unrecorded) this.unrecordedIds.add(upload.id);
    else {
      await this.writeNew(file, sealer.header);
      await this.configstore.set(upload.id, upload);
    }
    this.keep(upload.id, { sealer, upload, unrecorded, ...(declaredBytes !== undefined ? { declaredBytes } : {}) });
    upload.storage = { type: 'file', path: file };
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const record = await this.configstore.get(id);
    if (!record) throw ERRORS.FILE_NOT_FOUND;
    const file = this.pathOf(id);
    // Where the upload stands is its file's size, asked of the file system directly: a stat is
    // microseconds, but queued behind other uploads' writes and flushes on libuv's four threads it
    // waited up to 12 ms per PATCH here.
    let st: Stats;
    try {
      st = statSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw ERRORS.FILE_NO_LONGER_EXISTS;
      throw e;
    }
    if (st.isDirectory()) throw ERRORS.FILE_NOT_FOUND;
    return new Upload({
      id,
      size: record.size,
      // The file holds the header before the ciphertext; the ciphertext is as long as the bytes received.
      offset: Math.max(0, st.size - SEALED_HEADER_BYTES),
      metadata: record.metadata,
      creation_date: record.creation_date,
      storage: { type: 'file', path: file },
    });
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const file = this.pathOf(id);
    const at = await this.liveAt(id, offset);
    this.live.delete(id);
    const { sealer, upload } = at;
    let fd: number | undefined;
    // A new file's header goes with its first bytes, in the same write.
    const header = at.unrecorded ? sealer.header : null;
    let position = header ? 0 : SEALED_HEADER_BYTES + offset;
    try {
      fd = at.unrecorded ? this.openNew(file) : openSync(file, 'r+');
      // Each chunk is sealed as it comes and its ciphertext kept until WRITE_BATCH_BYTES are
      // waiting, then all go in one writev: no copy of the bytes beyond the cipher's own output
      // (every copy of a scan is external memory, and external memory drives V8's collections).
      let pending: Buffer[] = header ? [header] : [];
      let pendingBytes = 0;
      const write = async () => {
        const out = pending;
        const bytes = out.reduce((n, b) => n + b.length, 0);
        pending = [];
        pendingBytes = 0;
        await writevAll(fd!, out, position);
        position += bytes;
      };
      try {
        for await (const chunk of readable as AsyncIterable<Buffer>) {
          pending.push(sealer.update(chunk));
          pendingBytes += chunk.length;
          if (pendingBytes >= WRITE_BATCH_BYTES) await write();
        }
      } catch (cut) {
        // The request broke off: what did arrive is a true prefix of the upload, kept for its
        // resumption (an unanswered creation is dropped below anyway).
        if (!at.unrecorded && pending.length > 0) await write();
        throw cut;
      }
      // The tus server ends the stream quietly when the request is aborted. A creation cut off
      // short of its Content-Length never answered its URL, so nobody can resume it: it goes.
      if (at.declaredBytes !== undefined && sealer.consumed - offset < at.declaredBytes) throw ERRORS.ABORTED;
      if (upload.size !== undefined && sealer.consumed === upload.size) {
        // The last bytes: the tag goes with them and the file is flushed on the same descriptor.
        const end = sealer.finish();
        pending.push(end.trailer);
        await write();
        await fsP.fsync(fd);
        this.sealed.set(id, { sha256: end.sha256, file });
      } else if (pending.length > 0) {
        await write();
      }
    } catch {
      // Cut off, or a write failed: the sealer may have taken bytes the file never got. It is dropped; the next PATCH
      // replays from disk. A creation cut off before its answer cannot be resumed (its URL never
      // left this request): its file goes.
      if (fd !== undefined) closeQuietly(fd);
      if (at.unrecorded) {
        await fsP.unlink(file);
        this.unrecordedIds.delete(id);
      }
      throw ERRORS.FILE_WRITE_ERROR;
    }
    closeSync(fd);
    if (this.sealed.has(id)) return sealer.consumed;
    if (at.unrecorded) {
      await this.configstore.set(id, upload);
      this.unrecordedIds.delete(id);
    }
    this.keep(id, { sealer, upload, unrecorded: false });
    return sealer.consumed;
  }

  /** Closes a complete upload: its tag appended and the file flushed, and what its bytes hash to. */
  async finish(upload: Upload): Promise<SealedUpload> {
    const done = this.sealed.get(upload.id);
    if (done) {
      this.sealed.delete(upload.id);
      return done;
    }
    const file = this.pathOf(upload.id);
    const { sealer } = await this.liveAt(upload.id, upload.size ?? 0);
    this.live.delete(upload.id);
    const { sha256, trailer } = sealer.finish();
    const fd = openSync(file, 'r+');
    try {
      await writeAll(fd, trailer, SEALED_HEADER_BYTES + sealer.consumed);
      await fsP.fsync(fd);
    } finally {
      closeSync(fd);
    }
    return { sha256, file };
  }

  /** Forgets an upload: its sealed file (unless it was adopted by the blob store) and its record. */
  async discard(id: string, o: { adopted: boolean } = { adopted: false }): Promise<void> {
    const recorded = !this.unrecordedIds.delete(id);
    this.live.delete(id);
    this.sealed.delete(id);
    if (!o.adopted) await fsP.unlink(this.pathOf(id));
    if (recorded) await this.configstore.delete(id);
  }

  override async remove(id: string): Promise<void> {
    this.live.delete(id);
    this.sealed.delete(id);
    this.unrecordedIds.delete(id);
    await super.remove(id);
  }

  private keep(id: string, l: LiveUpload): void {
    this.live.set(id, l);
    if (this.live.size > LIVE_SEALERS) this.live.delete(this.live.keys().next().value as string);
  }

  /** A new file with these first bytes, private to the server; the upload directory is made when first missing. */
  private async writeNew(file: string, bytes: Buffer): Promise<void> {
    const fd = this.openNew(file);
    try {
      await writeAll(fd, bytes, 0);
    } finally {
      closeSync(fd);
    }
  }

  private openNew(file: string): number {
    try {
      return openSync(file, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(this.directory, { recursive: true });
      return openSync(file, 'wx', 0o600);
    }
  }

  /** The upload's state standing at `offset` plaintext bytes: the live one, or its sealer replayed from the file. */
  private async liveAt(id: string, offset: number): Promise<LiveUpload> {
    const live = this.live.get(id);
    if (live && live.sealer.consumed === offset) return live;
    if (live?.unrecorded) throw ERRORS.FILE_WRITE_ERROR;
    const upload = await this.configstore.get(id);
    if (!upload) throw ERRORS.FILE_NOT_FOUND;
    const file = this.pathOf(id);
    const length = SEALED_HEADER_BYTES + offset;
    if ((await fsP.stat(file)).size < length) throw ERRORS.FILE_WRITE_ERROR;
    const fd = openSync(file, 'r');
    try {
      const prefix = Buffer.alloc(length);
      const { bytesRead } = await fsP.read(fd, prefix, 0, length, 0);
      if (bytesRead !== length) throw ERRORS.FILE_WRITE_ERROR;
      return { sealer: this.blobs.resumeSeal(declaredSha256(upload), prefix), upload: new Upload(upload), unrecorded: false };
    } finally {
      closeSync(fd);
    }
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already failing: the first error is the one that counts
  }
}

/** All of `parts`, in order, from `position`: one writev, and the rest of a short one written after it. */
async function writevAll(fd: number, parts: Buffer[], position: number): Promise<void> {
  if (parts.length === 0) return;
  const total = parts.reduce((n, b) => n + b.length, 0);
  const { bytesWritten } = await fsP.writev(fd, parts, position);
  if (bytesWritten < total) await writeAll(fd, Buffer.concat(parts).subarray(bytesWritten), position + bytesWritten);
}

async function writeAll(fd: number, bytes: Buffer, position: number): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    const { bytesWritten } = await fsP.write(fd, bytes, done, bytes.length - done, position + done);
    if (bytesWritten <= 0) throw ERRORS.FILE_WRITE_ERROR;
    done += bytesWritten;
  }
}

/** The SHA-256 the workstation declared at creation (checked there by the tus server's onUploadCreate). */
export function declaredSha256(upload: Pick<Upload, 'metadata'>): string {
  return upload.metadata?.['sha256'] ?? '';
}
