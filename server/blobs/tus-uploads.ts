import type { IncomingMessage } from 'node:http';
import { MemoryLocker, Server } from '@tus/server';
import type { Upload } from '@tus/utils';
import type { Sql } from 'postgres';
import { MAX_BLOB_BYTES, TUS_ENDPOINT } from '../../api/sync/blobs';
import type { Clock } from '../db/types';
import { errorBody, HttpRefusal } from '../http/errors';
import type { BlobStore } from './blob-store';
import { declaredSha256, SealedUploadStore } from './sealed-upload-store';
import { receivePatch, type DirectPatch } from './direct-patch';
import { SHA256_HEX, isTusBodyType } from './tus-headers';
import { receiveCreation, type CarryingCreation } from './creation-with-upload';

/** A refusal in @tus/server's form (thrown from its hooks, written by it). */
const tusRefusal = (status: number, code: Parameters<typeof errorBody>[0]) => ({ status_code: status, body: JSON.stringify(errorBody(code)) });

class HashMismatch extends Error {}

export interface ScanUploads {
  /** @tus/server: every tus request but a well-formed creation with bytes or PATCH. */
  tus: Server;
  /** A creation that carries bytes (creation-with-upload.ts): its 201's headers, or null when it was cut off. Refuses a hash mismatch with 460. */
  receiveCreation(req: IncomingMessage, creation: CarryingCreation): Promise<Record<string, string> | null>;
  /** A well-formed PATCH (direct-patch.ts): its 204's headers, or null when it was cut off. Refuses as @tus/server would ({ status_code, body }). */
  receivePatch(req: IncomingMessage, patch: DirectPatch): Promise<Record<string, string> | null>;
}

/**
 * Resumable scan uploads (tus 1.0: core + creation + creation-with-upload). @tus/file-store has no
 * checksum extension, so the bytes are hashed (and encrypted) as each request streams in
 * (sealed-upload-store.ts) and the hash is checked when the last byte arrives: a mismatch is
 * deleted and refused (460), a match is renamed into the blob store under its address and only
 * then recorded. Every way in — @tus/server, creation-with-upload.ts, direct-patch.ts — ends in `complete`.
 */
export function createScanUploads(deps: { sql: Sql; now: Clock; blobs: BlobStore; uploadDir: string }): ScanUploads {
  const store = new SealedUploadStore(deps.uploadDir, deps.blobs);
  // One lock per upload, whichever way its requests come in.
  const locker = new MemoryLocker();
  const complete = async (upload: Upload): Promise<void> => {
    const sealed = await store.finish(upload);
    if (sealed.sha256 !== declaredSha256(upload)) {
      await store.discard(upload.id);
      throw new HashMismatch();
    }
    await deps.blobs.adopt(sealed.sha256, sealed.file);
    // The sealed file is already flushed; the row only says it is there. Its commit need not wait
    // for the WAL flush: a row lost in a crash is a blob uploaded again, and any later commit that
    // relies on it (an op naming the scan) flushes the WAL through this one first. One statement,
    // one round trip: set_config(…, true) lasts for the statement's own transaction, whose commit
    // reads it.
    await deps.sql`
      WITH lazy AS (SELECT set_config('synchronous_commit', 'off', true))
      INSERT INTO blobs (sha256, size, stored_at) SELECT ${sealed.sha256}, ${upload.size ?? 0}, ${deps.now()} FROM lazy
      ON CONFLICT (sha256) DO NOTHING`;
    await store.discard(upload.id, { adopted: true });
  };
  const tus = new Server({
    path: TUS_ENDPOINT,
    datastore: store,
    locker,
    maxSize: MAX_BLOB_BYTES,
    respectForwardedHeaders: false,
    // The same Location as the whole-scan creation's: the path, whatever the scheme and host the client used.
    relativeLocation: true,
    async onUploadCreate(req, upload) {
      if (!SHA256_HEX.test(declaredSha256(upload))) throw tusRefusal(400, 'validation_failed');
      if (isTusBodyType(req.headers.get('content-type'))) {
        const length = Number(req.headers.get('content-length') ?? NaN);
        store.creationCarriesBytes(upload.id, Number.isSafeInteger(length) && length >= 0 ? length : undefined);
      }
      return {};
    },
    async onUploadFinish(_req, upload) {
      try {
        await complete(upload);
      } catch (e) {
        throw e instanceof HashMismatch ? tusRefusal(460, 'blob_hash_mismatch') : e;
      }
      return {};
    },
  });
  return {
    tus,
    receiveCreation: (req, creation) =>
      receiveCreation(req, creation, { store, complete }).catch((e: unknown) => {
        throw e instanceof HashMismatch ? new HttpRefusal(460, 'blob_hash_mismatch') : e;
      }),
    receivePatch: (req, patch) =>
      receivePatch(req, patch, { store, locker, complete }).catch((e: unknown) => {
        throw e instanceof HashMismatch ? tusRefusal(460, 'blob_hash_mismatch') : e;
      }),
  };
}
