import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** An unfinished upload untouched this long is given up: its workstation, if it comes back, starts that scan again (HEAD → 404 → create). */
export const ABANDONED_UPLOAD_DAYS = 7;

/** tus upload files and their records (`<id>`, `<id>.json`). Nothing else in the directory is touched. */
const UPLOAD_FILE = /^([0-9a-f]{16,64})(\.json)?$/;

/**
 * Removes uploads nobody finished — a creation whose workstation never continued, a workstation
 * retired mid-upload, a creation cut off before its answer — once neither their file nor their
 * record was written for `ABANDONED_UPLOAD_DAYS`. Without it the upload directory only grows.
 * Returns how many uploads went.
 */
export async function sweepAbandonedUploads(uploadDir: string, now: Date, days = ABANDONED_UPLOAD_DAYS): Promise<number> {
  const cutoff = now.getTime() - days * 86_400_000;
  const lastWrite = new Map<string, number>();
  for (const name of await readdir(uploadDir).catch(() => [] as string[])) {
    const id = UPLOAD_FILE.exec(name)?.[1];
    if (!id) continue;
    const s = await stat(join(uploadDir, name)).catch(() => undefined);
    if (!s?.isFile()) continue;
    lastWrite.set(id, Math.max(lastWrite.get(id) ?? 0, s.mtimeMs));
  }
  let removed = 0;
  for (const [id, at] of lastWrite) {
    if (at >= cutoff) continue;
    // The record first: without it the upload is unknown (404), so a late PATCH cannot write into a file being removed.
    await unlink(join(uploadDir, `${id}.json`)).catch(() => undefined);
    await unlink(join(uploadDir, id)).catch(() => undefined);
    removed++;
  }
  return removed;
}
