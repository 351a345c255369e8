import { Server } from '@tus/server';
import type { Sql } from 'postgres';
import { MAX_BLOB_BYTES, TUS_BODY_TYPE, TUS_ENDPOINT } from '../../api/sync/blobs';
import type { Clock } from '../db/types';
import { errorBody } from '../http/errors';
import type { BlobStore } from './blob-store';
import { declaredSha256, SealedUploadStore } from './sealed-upload-store';

const SHA256 = /^[0-9a-f]{64}$/;

const refusal = (status: number, code: Parameters<typeof errorBody>[0]) => ({ status_code: status, body: JSON.stringify(errorBody(code)) });

/**
 * Resumable scan uploads (tus 1.0: core + creation). @tus/file-store has no checksum extension,
 * so the bytes are hashed (and encrypted) as each PATCH streams in (sealed-upload-store.ts) and
 * the hash is checked when the last byte arrives: a mismatch is deleted and refused (460), a
 * match is renamed into the blob store under its address and only then recorded.
 */
export function createTusServer(deps: { sql: Sql; now: Clock; blobs: BlobStore; uploadDir: string }): Server {
  const store = new SealedUploadStore(deps.uploadDir, deps.blobs);
  return new Server({
    path: TUS_ENDPOINT,
    datastore: store,
    maxSize: MAX_BLOB_BYTES,
    respectForwardedHeaders: false,
    async onUploadCreate(req, upload) {
      if (!SHA256.test(declaredSha256(upload))) throw refusal(400, 'validation_failed');
      if ((req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() === TUS_BODY_TYPE) {
        const length = Number(req.headers.get('content-length') ?? NaN);
        store.creationCarriesBytes(upload.id, Number.isSafeInteger(length) && length >= 0 ? length : undefined);
      }
      return {};
    },
    async onUploadFinish(_req, upload) {
      const sealed = await store.finish(upload);
      if (sealed.sha256 !== declaredSha256(upload)) {
        await store.discard(upload.id);
        throw refusal(460, 'blob_hash_mismatch');
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
      return {};
    },
  });
}
