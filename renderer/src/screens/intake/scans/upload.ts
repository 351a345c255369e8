import type { ApiResult } from '../../../../../api/result';
import type { AttachmentView, ScansClient } from './scans-api';

export interface UploadTarget {
  applicationId: string;
  slot: string;
  /** Add the file as the next page(s) of this scan instead of as a new scan. */
  attachmentId?: string;
}

/** Base64 of a slice, encoded by the browser off the main thread (FileReader), not in JS. */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/**
 * begin → chunk × n → commit, reading one chunk at a time with Blob.slice so a 20 MB scan
 * neither sits in memory as one string nor blocks typing while it goes. `onProgress` gets
 * bytes sent so far. The core checks the bytes (type, size, corruption) at commit; a failure
 * part way aborts the upload so the core frees its buffer at once.
 */
export async function uploadScan(
  client: ScansClient,
  target: UploadTarget,
  file: Blob,
  fileName: string,
  onProgress: (sent: number) => void = () => undefined,
): Promise<ApiResult<AttachmentView>> {
  const begun = await client['attachments.begin']({
    applicationId: target.applicationId,
    slot: target.slot,
    // The contract bounds names at 200 characters; the name is only a label.
    fileName: (fileName || 'scan').slice(0, 200),
    size: file.size,
    ...(file.type ? { declaredMime: file.type.slice(0, 100) } : {}),
    ...(target.attachmentId ? { attachmentId: target.attachmentId } : {}),
  });
  if (!begun.ok) return begun;
  const { uploadId, chunkSize } = begun.value;
  for (let index = 0, at = 0; at < file.size; index++, at += chunkSize) {
    let dataBase64: string;
    try {
      dataBase64 = await base64Of(file.slice(at, at + chunkSize));
    } catch {
      // The file went away under the picker (a removed USB stick): same as a broken upload.
      await client['attachments.abort']({ uploadId });
      return { ok: false, error: { code: 'conflict', message: 'file could not be read', messageKey: 'attachments.error.uploadBroken' } };
    }
    const r = await client['attachments.chunk']({ uploadId, index, dataBase64 });
    if (!r.ok) {
      await client['attachments.abort']({ uploadId });
      return r;
    }
    onProgress(Math.min(file.size, at + chunkSize));
  }
  return client['attachments.commit']({ uploadId });
}
