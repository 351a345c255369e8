import type { Attachment, AttachmentPage, Store } from '../store';
import { countPdfPages } from './pdf-page-count';

/** Files whose page count is remembered: a file is content-addressed, so its count never changes. */
const CACHE_LIMIT = 2000;
const counted = new Map<string, number>();

/**
 * Real pages per scanned file and per attachment (issue 13 item 10): an image is one page, a
 * PDF as many as it holds, counted once from the stored bytes and remembered by the file's
 * hash. A file no longer here (purged by retention) counts as one page.
 */
export function createScanPages(store: Pick<Store, 'attachments'>) {
  function pagesOfFile(attachmentId: string, index: number, page: AttachmentPage): number {
    if (page.mime !== 'application/pdf' || page.purged) return 1;
    const known = counted.get(page.sha256);
    if (known !== undefined) return known;
    const n = countPdfPages(store.attachments.read(attachmentId, index));
    if (counted.size >= CACHE_LIMIT) counted.delete(counted.keys().next().value as string);
    counted.set(page.sha256, n);
    return n;
  }
  return {
    /** Pages of each file of the attachment, in its order. */
    perFile(a: Attachment): number[] {
      return a.pages.map((p, i) => pagesOfFile(a.id, i, p));
    },
    /** All the pages of the attachment. */
    total(a: Attachment): number {
      return a.pages.reduce((n, p, i) => n + pagesOfFile(a.id, i, p), 0);
    },
  };
}

export type ScanPages = ReturnType<typeof createScanPages>;
