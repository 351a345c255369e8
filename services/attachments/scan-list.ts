import type { Application } from '../../domain/model/application';
import type { Store } from '../store';

/** Leave out a scan or a page about to be removed (its removal is in the same transaction). */
export interface ScanSkip {
  attachmentId?: string;
  pageId?: string;
}

/**
 * The page hashes of every slot of an application, from the attachments table: scans in the
 * order they were taken, pages in page order. This is the only source of which scans a form
 * has (issue 12 item 4): what the renderer sends is never trusted for it.
 */
export function scansBySlot(store: Pick<Store, 'attachments'>, applicationId: string, skip: ScanSkip = {}): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of store.attachments.list(applicationId)) {
    if (a.id === skip.attachmentId) continue;
    const pages = a.pages.filter((p) => p.id !== skip.pageId).map((p) => p.sha256);
    out.set(a.slot, [...(out.get(a.slot) ?? []), ...pages]);
  }
  return out;
}

/**
 * The form's documents with the core's scan lists: the clerk decides each document's sighting
 * (original, copy, …); its scans are the table's. A slot the form leaves out but that holds
 * scans is kept, with no sighting, so no scan ever drops off the form.
 */
export function withStoredScans(documents: Application['documents'], scans: ReadonlyMap<string, string[]>): Application['documents'] {
  const kept = new Set(Object.keys(documents));
  // Built from entries, never by assignment: a slot named "__proto__" stays a plain key.
  return Object.fromEntries([
    ...Object.entries(documents).map(([slot, d]) => [slot, { ...d, attachments: scans.get(slot) ?? [] }] as const),
    ...[...scans]
      .filter(([slot, hashes]) => !kept.has(slot) && hashes.length > 0)
      .map(([slot, hashes]) => [slot, { sighting: 'none' as const, attachments: hashes }] as const),
  ]);
}
