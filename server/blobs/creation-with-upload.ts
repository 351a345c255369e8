import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Metadata, TUS_RESUMABLE, Uid, Upload } from '@tus/utils';
import { MAX_BLOB_BYTES, TUS_ENDPOINT } from '../../api/sync/blobs';
import type { SealedUploadStore } from './sealed-upload-store';
import { isPlainDecimal, isTusBodyType, SHA256_HEX } from './tus-headers';

// A workstation's tus creation carries its scan's first bytes (creation-with-upload): all of them
// for most scans, the first 1 MB of a larger one, whose rest follows in a PATCH (direct-patch.ts).
// @tus/server 2 adapts every request to web streams and Fetch objects before its handlers see it;
// for these requests that adaptation cost the node more than sealing and storing the bytes (a
// profile of the drain bench: @tus/server and srvx ~1.1 ms of the main thread per 500 KB scan, and
// their garbage). This path takes exactly that request shape, streams the body from Node's own
// request into the same store (sealed-upload-store.ts) and, when the bytes are all there,
// completes the upload with the same code as @tus/server's onUploadFinish; its answer is an
// ordinary reply of the route. Everything else — a creation without bytes, and any creation whose
// headers are not exactly right — goes to @tus/server, which answers its errors.

export interface CarryingCreation {
  /** Upload-Length: the scan's size. */
  size: number;
  /** Content-Length: the bytes this request carries, 1 to `size`. */
  carried: number;
  metadata: Record<string, string | null>;
}

/** A creation that carries bytes, with well-formed tus headers and a declared SHA-256; null sends it to @tus/server. */
export function creationWithUpload(method: string | undefined, url: string | undefined, h: IncomingHttpHeaders): CarryingCreation | null {
  if (method !== 'POST' || (url ?? '').split('?')[0] !== TUS_ENDPOINT) return null;
  if (h['tus-resumable'] !== TUS_RESUMABLE || h['upload-defer-length'] !== undefined || h['upload-concat'] !== undefined) return null;
  if (!isTusBodyType(h['content-type'])) return null;
  const length = h['upload-length'];
  const carried = h['content-length'];
  if (h['transfer-encoding'] !== undefined || !isPlainDecimal(length) || !isPlainDecimal(carried)) return null;
  const size = Number(length);
  if (size > MAX_BLOB_BYTES || Number(carried) === 0 || Number(carried) > size) return null;
  const declared = h['upload-metadata'];
  if (typeof declared !== 'string') return null;
  let metadata: Record<string, string | null>;
  try {
    metadata = Metadata.parse(declared);
  } catch {
    return null;
  }
  return SHA256_HEX.test(metadata['sha256'] ?? '') ? { size, carried: Number(carried), metadata } : null;
}

/**
 * Creates the upload with the request's bytes in the store and, when they are all of it, completes
 * it (`complete`: hash check, into the blob store, recorded). Returns the headers of its 201 (as
 * @tus/server's), or null when the request was cut off before its last byte: nobody is there to
 * answer, and nothing is left behind (the store drops an unanswered creation's file).
 */
export async function receiveCreation(
  req: IncomingMessage,
  creation: CarryingCreation,
  deps: { store: SealedUploadStore; complete: (upload: Upload) => Promise<void> },
): Promise<Record<string, string> | null> {
  const upload = new Upload({ id: Uid.rand(), size: creation.size, offset: 0, metadata: creation.metadata });
  deps.store.creationCarriesBytes(upload.id, creation.carried);
  await deps.store.create(upload);
  try {
    upload.offset = await deps.store.write(req, upload.id, 0);
  } catch (e) {
    if (req.destroyed || !req.complete) return null;
    throw e;
  }
  if (upload.offset === upload.size) await deps.complete(upload);
  return { 'tus-resumable': TUS_RESUMABLE, location: `${TUS_ENDPOINT}/${upload.id}`, 'upload-offset': String(upload.offset) };
}
