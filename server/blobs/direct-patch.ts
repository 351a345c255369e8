import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { ERRORS, TUS_RESUMABLE, type Locker, type Upload } from '@tus/utils';
import { TUS_ENDPOINT } from '../../api/sync/blobs';
import type { SealedUploadStore } from './sealed-upload-store';
import { isPlainDecimal, isTusBodyType } from './tus-headers';

// The PATCH that carries the rest of a scan after its creation (services/sync/tus-upload.ts),
// received as creation-with-upload.ts receives its creation: straight from Node's request into the
// same store, under the same lock as @tus/server's PATCH (the shared locker: a second request for
// the upload asks this one to stop, as @tus/server's do), answered as @tus/server answers — 204
// with the new Upload-Offset, 409 on an offset that is not the upload's, 404/410 for an upload
// unknown or gone, the completion's refusal on a hash mismatch. Only a PATCH with exactly right
// headers takes this way; anything else goes to @tus/server, which answers its errors.

const UPLOAD_PATH = new RegExp(`^${TUS_ENDPOINT}/([0-9a-f]{16,64})$`);

export interface DirectPatch {
  id: string;
  offset: number;
  length: number;
}

/** A PATCH of an upload of ours with well-formed tus headers and a declared length; null sends it to @tus/server. */
export function directPatch(method: string | undefined, url: string | undefined, h: IncomingHttpHeaders): DirectPatch | null {
  if (method !== 'PATCH') return null;
  const id = UPLOAD_PATH.exec(url ?? '')?.[1];
  if (!id || h['tus-resumable'] !== TUS_RESUMABLE || h['upload-length'] !== undefined || h['transfer-encoding'] !== undefined) return null;
  if (!isTusBodyType(h['content-type'])) return null;
  const offset = h['upload-offset'];
  const length = h['content-length'];
  if (!isPlainDecimal(offset) || !isPlainDecimal(length)) return null;
  return { id, offset: Number(offset), length: Number(length) };
}

/**
 * Appends the PATCH's bytes to its upload and, when they are its last, completes it (`complete`).
 * Returns the headers of its 204, or null when the request was cut off (its bytes that arrived
 * are kept for the resumption; nobody is there to answer). Refusals are thrown in @tus/server's
 * form ({ status_code, body }).
 */
export async function receivePatch(
  req: IncomingMessage,
  patch: DirectPatch,
  deps: { store: SealedUploadStore; locker: Locker; complete: (upload: Upload) => Promise<void> },
): Promise<Record<string, string> | null> {
  const lock = deps.locker.newLock(patch.id);
  const stop = new AbortController();
  req.once('close', () => stop.abort());
  // Another request for this upload (a retry after a lost answer) asks for the lock: this one stops.
  await lock.lock(stop.signal, () => void req.destroy());
  let upload: Upload;
  try {
    upload = await deps.store.getUpload(patch.id);
    if (upload.offset !== patch.offset) throw ERRORS.INVALID_OFFSET;
    if (upload.size !== undefined && patch.offset + patch.length > upload.size) throw ERRORS.ERR_SIZE_EXCEEDED;
    try {
      upload.offset = await deps.store.write(req, patch.id, patch.offset);
    } catch (e) {
      if (req.destroyed || !req.complete) return null;
      throw e;
    }
  } finally {
    await lock.unlock();
  }
  if (upload.offset === upload.size) await deps.complete(upload);
  return { 'tus-resumable': TUS_RESUMABLE, 'upload-offset': String(upload.offset) };
}
