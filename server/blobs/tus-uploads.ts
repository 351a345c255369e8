import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import type { Sql } from 'postgres';
import { MAX_BLOB_BYTES, TUS_ENDPOINT } from '../../api/sync/blobs';
import type { Clock } from '../db/types';
import { errorBody } from '../http/errors';
import type { BlobStore } from './blob-store';

const SHA256 = /^[0-9a-f]{64}$/;

const refusal = (status: number, code: Parameters<typeof errorBody>[0]) => ({ status_code: status, body: JSON.stringify(errorBody(code)) });

/**
 * Resumable scan uploads (tus 1.0: core + creation). @tus/file-store has no checksum extension,
 * so the whole file is hashed when its last byte arrives: a mismatch is deleted and refused
 * (460), a match is encrypted into the blob store under its address and only then recorded.
 */
export function createTusServer(deps: { sql: Sql; now: Clock; blobs: BlobStore; uploadDir: string }): Server {
  return new Server({
    path: TUS_ENDPOINT,
    datastore: new FileStore({ directory: deps.uploadDir }),
    maxSize: MAX_BLOB_BYTES,
    respectForwardedHeaders: false,
    async onUploadCreate(_req, upload) {
      const sha = upload.metadata?.['sha256'] ?? '';
      if (!SHA256.test(sha)) throw refusal(400, 'validation_failed');
      return {};
    },
    async onUploadFinish(_req, upload) {
      const file = join(deps.uploadDir, upload.id);
      const declared = upload.metadata?.['sha256'] ?? '';
      // Read once (≤ 50 MB): hashed, then encrypted from the same bytes.
      const bytes = await readFile(file);
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== declared) {
        await rm(file, { force: true });
        await rm(`${file}.json`, { force: true });
        throw refusal(460, 'blob_hash_mismatch');
      }
      await deps.blobs.put(actual, bytes);
      await deps.sql`INSERT INTO blobs (sha256, size, stored_at) VALUES (${actual}, ${upload.size ?? 0}, ${deps.now()}) ON CONFLICT (sha256) DO NOTHING`;
      await rm(file, { force: true });
      await rm(`${file}.json`, { force: true });
      return {};
    },
  });
}
