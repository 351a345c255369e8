import { close, createWriteStream, fsync, mkdir, open, read, stat, unlink, write, writeFile } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { FileStore } from '@tus/file-store';
import { ERRORS, Upload } from '@tus/utils';
import { SEALED_HEADER_BYTES, type BlobSealer, type BlobStore } from './blob-store';
import { UploadRecords } from './upload-records';

// The callback file API throughout: the promise API opens a FileHandle object per call, which on
// a busy node costs more main-thread time than the small writes of an upload themselves.
const fsP = {
  mkdir: promisify(mkdir),
  open: promisify(open),
  close: promisify(close),
  fsync: promisify(fsync),
  read: promisify(read),
  stat: promisify(stat),
  write: promisify(write),
  writeFile: promisify(writeFile),
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

/**
 * tus uploads written straight in the blob store's sealed format: each PATCH body is hashed and
 * AES-256-GCM encrypted as it streams to disk, so a finished upload is never read back — it is
 * closed with the GCM tag, flushed once, verified against its declared SHA-256 and renamed into
 * place. The upload directory never holds a scan in clear, even one abandoned half-way.
 *
 * The hash and cipher state of an upload lives in memory between its PATCHes. A PATCH that finds
 * none (another node took the previous one, the process restarted, or the previous PATCH was cut
 * off and its state no longer matches the file) rebuilds it from the ciphertext on disk, so a
 * resumed upload costs one extra read only when it is resumed somewhere else.
 */
export class SealedUploadStore extends FileStore {
  private readonly live = new Map<string, BlobSealer>();

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

  override async create(upload: Upload): Promise<Upload> {
    const file = this.pathOf(upload.id);
    const sealer = this.blobs.seal(declaredSha256(upload));
    await fsP.writeFile(file, sealer.header, { mode: 0o600 }).catch(async (e: NodeJS.ErrnoException) => {
      // The directory is made once, when the first upload finds it missing.
      if (e.code !== 'ENOENT') throw e;
      await fsP.mkdir(this.directory, { recursive: true });
      await fsP.writeFile(file, sealer.header, { mode: 0o600 });
    });
    await this.configstore.set(upload.id, upload);
    this.keep(upload.id, sealer);
    upload.storage = { type: 'file', path: file };
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const upload = await super.getUpload(id);
    // The file holds the header before the ciphertext; the ciphertext is as long as the bytes received.
    upload.offset = Math.max(0, upload.offset - SEALED_HEADER_BYTES);
    return upload;
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const file = this.pathOf(id);
    const sealer = await this.sealerAt(id, offset);
    this.live.delete(id);
    const seal = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        done(null, sealer.update(chunk));
      },
    });
    try {
      await pipeline(readable, seal, createWriteStream(file, { flags: 'r+', start: SEALED_HEADER_BYTES + offset }));
    } catch {
      // Cut off: the sealer may have taken bytes the file never got. It is dropped; the next PATCH replays from disk.
      throw ERRORS.FILE_WRITE_ERROR;
    }
    this.keep(id, sealer);
    return sealer.consumed;
  }

  /** Closes a complete upload: its tag appended and the file flushed, and what its bytes hash to. */
  async finish(upload: Upload): Promise<SealedUpload> {
    const file = this.pathOf(upload.id);
    const sealer = await this.sealerAt(upload.id, upload.size ?? 0);
    this.live.delete(upload.id);
    const { sha256, trailer } = sealer.finish();
    const fd = await fsP.open(file, 'r+');
    try {
      await fsP.write(fd, trailer, 0, trailer.length, SEALED_HEADER_BYTES + sealer.consumed);
      await fsP.fsync(fd);
    } finally {
      await fsP.close(fd);
    }
    return { sha256, file };
  }

  /** Forgets an upload: its sealed file (unless it was adopted by the blob store) and its record. */
  async discard(id: string, o: { adopted: boolean } = { adopted: false }): Promise<void> {
    this.live.delete(id);
    if (!o.adopted) await fsP.unlink(this.pathOf(id));
    await this.configstore.delete(id);
  }

  override async remove(id: string): Promise<void> {
    this.live.delete(id);
    await super.remove(id);
  }

  private keep(id: string, sealer: BlobSealer): void {
    this.live.set(id, sealer);
    if (this.live.size > LIVE_SEALERS) this.live.delete(this.live.keys().next().value as string);
  }

  /** The upload's sealer standing at `offset` plaintext bytes: the live one, or replayed from the file. */
  private async sealerAt(id: string, offset: number): Promise<BlobSealer> {
    const live = this.live.get(id);
    if (live && live.consumed === offset) return live;
    const upload = await this.configstore.get(id);
    if (!upload) throw ERRORS.FILE_NOT_FOUND;
    const file = this.pathOf(id);
    const length = SEALED_HEADER_BYTES + offset;
    if ((await fsP.stat(file)).size < length) throw ERRORS.FILE_WRITE_ERROR;
    const fd = await fsP.open(file, 'r');
    try {
      const prefix = Buffer.alloc(length);
      const { bytesRead } = await fsP.read(fd, prefix, 0, length, 0);
      if (bytesRead !== length) throw ERRORS.FILE_WRITE_ERROR;
      return this.blobs.resumeSeal(declaredSha256(upload), prefix);
    } finally {
      await fsP.close(fd);
    }
  }
}

/** The SHA-256 the workstation declared at creation (checked there by the tus server's onUploadCreate). */
export function declaredSha256(upload: Pick<Upload, 'metadata'>): string {
  return upload.metadata?.['sha256'] ?? '';
}
