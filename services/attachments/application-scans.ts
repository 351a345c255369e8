import { ApiError } from '../../api/result';
import type { AttachmentView } from '../../api/contracts/attachment-contract';
import type { ApplicationRecord, Attachment, Rotation, Store } from '../store';
import { isStoreError, StoreError } from '../store';
import type { CheckedScan } from '../store/attachments/attachments';
import { inspectScanOffThread } from '../store/attachments/inspect-off-thread';
import { refusalMessageKey, ScanRefusedError } from '../store/attachments/scan-refusal';
import { isEditable } from '../../domain/workflow';
import { searchTerms } from '../../domain/search-terms';
import { createApplicationRepository } from '../intake/application-repository';
import { StoredApplicationError } from '../intake/stored-application';
import { scansBySlot, withStoredScans, type ScanSkip } from './scan-list';
import { createScanPages } from './scan-pages';

/** DocumentRecordSchema (domain/model/application.ts) holds at most 20 hashes per slot. */
export const MAX_PAGES_PER_SLOT = 20;

/** `pagesPerFile`: the real pages in each file, counted by the core (a PDF may hold several; scan-pages.ts). */
export function toAttachmentView(a: Attachment, pagesPerFile?: readonly number[]): AttachmentView {
  return {
    id: a.id,
    slot: a.slot,
    size: a.pages.reduce((n, p) => n + p.size, 0),
    pages: a.pages.map((p, i) => ({
      id: p.id,
      position: p.position,
      mime: p.mime,
      rotation: p.rotation,
      size: p.size,
      ...(pagesPerFile?.[i] !== undefined ? { pageCount: pagesPerFile[i] } : {}),
    })),
  };
}

/** The view with each file's real page count (issue 13 item 10): what the clerk's scan lists show. */
export const attachmentViewIn =
  (store: Pick<Store, 'attachments'>) =>
  (a: Attachment): AttachmentView =>
    toAttachmentView(a, createScanPages(store).perFile(a));

const notFound = () => new ApiError('not_found', 'No such application or scan', 'api.error.notFound');

/**
 * Scans belong to the clerk who took the application in and change only while the form is
 * still theirs to edit (draft, or returned for correction); a submitted application's scans
 * are evidence the supervisor has looked at.
 */
export function editableApplication(store: Store, applicationId: string, actor: string): ApplicationRecord {
  const rec = store.applications.get(applicationId);
  if (!rec || rec.createdBy !== actor) throw notFound();
  if (!isEditable(rec.status)) throw new ApiError('refused', `application is ${rec.status}`, 'attachments.error.readOnly');
  return rec;
}

export function ownAttachment(store: Store, attachmentId: string, actor: string): { attachment: Attachment; app: ApplicationRecord } {
  const attachment = store.attachments.get(attachmentId);
  if (!attachment) throw notFound();
  return { attachment, app: editableApplication(store, attachment.applicationId, actor) };
}

/** Read-only access (list, preview): the owner, whatever the status. */
export function ownApplication(store: Store, applicationId: string, actor: string): ApplicationRecord {
  const rec = store.applications.get(applicationId);
  if (!rec || rec.createdBy !== actor) throw notFound();
  return rec;
}

export function slotViews(store: Store, applicationId: string, slot: string): AttachmentView[] {
  return store.attachments
    .list(applicationId)
    .filter((a) => a.slot === slot)
    .map(attachmentViewIn(store));
}

/** The slot's page hashes in order, leaving out a scan or a page about to be removed. */
const slotHashes = (store: Store, applicationId: string, slot: string, skip: ScanSkip = {}): string[] =>
  scansBySlot(store, applicationId, skip).get(slot) ?? [];

/**
 * Rewrite the form's scan lists from the attachments table and save it with a new revision,
 * inside the caller's transaction. The form is read through the one typed load
 * (services/intake/application-repository.ts); a stored form that does not parse is refused,
 * never replaced by a blank one holding only the scans.
 */
function syncScans(store: Store, applicationId: string, actor: string, skip: ScanSkip = {}): void {
  let loaded;
  try {
    loaded = createApplicationRepository(store).load(applicationId);
  } catch (e) {
    if (e instanceof StoredApplicationError) throw new ApiError('unavailable', e.message, 'intake.error.unreadable');
    throw e;
  }
  if (!loaded) throw notFound();
  const { record, application } = loaded;
  const next = { ...application, documents: withStoredScans(application.documents, scansBySlot(store, applicationId, skip)) };
  store.applications.saveDraft(applicationId, { data: next, search: searchTerms(next), actor, expectedRevision: record.revision });
}

/**
 * One transaction for the scan's rows and the form that lists it, so the checklist never
 * shows a scan the table does not hold or the reverse. A scan file written before a failed
 * transaction is an orphan the store sweeps at its next start.
 */
function inTransaction<T>(store: Store, fn: () => T): T {
  try {
    return store.db.transaction(fn).immediate();
  } catch (e) {
    throw toAttachError(e, store);
  }
}

/** The store's refusals in the words the clerk sees on the scans panel. */
export function toAttachError(e: unknown, store: Store): unknown {
  if (isStoreError(e, 'unsupported_type')) return new ApiError('refused', e.message, 'attachments.error.unsupportedType');
  if (isStoreError(e, 'corrupt')) return new ApiError('refused', e.message, 'attachments.error.corrupt');
  if (isStoreError(e, 'too_large')) return tooLarge(store);
  return e;
}

export function maxBytes(store: Store): number {
  return store.settings.get('attachments.maxBytes');
}

export function tooLarge(store: Store): ApiError {
  return new ApiError('refused', 'scan over the size limit', 'attachments.error.tooLarge', { maxMb: Math.round((maxBytes(store) / (1024 * 1024)) * 10) / 10 });
}

export interface AttachInput {
  applicationId: string;
  slot: string;
  actor: string;
  /** Add as the next page of this scan (same application and slot). */
  attachmentId?: string;
}

/**
 * Check a scan's bytes in a worker with a timeout (issue 12 item 6): a file built to stall the
 * check costs a worker, never the core every clerk's calls go through. Refused as the store
 * would refuse it; past the timeout, refused as too slow to check.
 */
export async function checkOffThread(store: Store, bytes: Buffer, timeoutMs?: number): Promise<CheckedScan> {
  const r = await inspectScanOffThread(bytes, timeoutMs !== undefined ? { timeoutMs } : {});
  if (r.ok) return { bytes, mime: r.mime };
  const key = refusalMessageKey(r.reason);
  if (key) throw new ScanRefusedError(r.reason, `scan refused: ${r.detail}`, key, r.reason !== 'timeout' ? r.params : undefined);
  throw toAttachError(new StoreError(r.reason === 'corrupt' ? 'corrupt' : 'unsupported_type', `scan refused: ${r.detail}`), store);
}

/**
 * attachScan with the file checked off the core's thread first: what uploads and the scanner
 * tray use. The cheap checks (size, whose form, still editable) come first, so a refused call
 * costs no worker; the form is checked again in the storing transaction.
 */
export async function attachScanOffThread(store: Store, bytes: Buffer, input: AttachInput, opts: { timeoutMs?: number } = {}): Promise<AttachmentView> {
  if (bytes.length > maxBytes(store)) throw tooLarge(store);
  editableApplication(store, input.applicationId, input.actor);
  const checked = await checkOffThread(store, bytes, opts.timeoutMs);
  return attachScan(store, bytes, input, checked);
}

export function attachScan(store: Store, bytes: Buffer, input: AttachInput, checked?: CheckedScan): AttachmentView {
  if (bytes.length > maxBytes(store)) throw tooLarge(store);
  return inTransaction(store, () => {
    editableApplication(store, input.applicationId, input.actor);
    if (input.attachmentId !== undefined) {
      const target = store.attachments.get(input.attachmentId);
      if (!target || target.applicationId !== input.applicationId || target.slot !== input.slot) throw notFound();
    }
    if (slotHashes(store, input.applicationId, input.slot).length >= MAX_PAGES_PER_SLOT) {
      throw new ApiError('refused', 'slot is full', 'attachments.error.tooManyPages', { max: MAX_PAGES_PER_SLOT });
    }
    const a = store.attachments.put(
      bytes,
      {
        applicationId: input.applicationId,
        slot: input.slot,
        actor: input.actor,
        ...(input.attachmentId !== undefined ? { attachmentId: input.attachmentId } : {}),
      },
      checked,
    );
    syncScans(store, input.applicationId, input.actor);
    return attachmentViewIn(store)(a);
  });
}

export function rotatePage(store: Store, attachmentId: string, pageId: string, rotation: Rotation, actor: string): AttachmentView {
  return inTransaction(store, () => {
    const { attachment } = ownAttachment(store, attachmentId, actor);
    const a = store.attachments.rotate(attachmentId, pageId, rotation, actor);
    // The hashes do not change, but the revision must: the form on screen shows the page turned.
    syncScans(store, attachment.applicationId, actor);
    return attachmentViewIn(store)(a);
  });
}

export function reorderPages(store: Store, attachmentId: string, pageIds: string[], actor: string): AttachmentView {
  return inTransaction(store, () => {
    const { attachment } = ownAttachment(store, attachmentId, actor);
    const a = store.attachments.reorder(attachmentId, pageIds, actor);
    syncScans(store, attachment.applicationId, actor);
    return attachmentViewIn(store)(a);
  });
}

export function removePage(store: Store, attachmentId: string, pageId: string, actor: string): AttachmentView[] {
  return inTransaction(store, () => {
    const { attachment } = ownAttachment(store, attachmentId, actor);
    // The form first, the rows and file second: the store deletes a released file as soon as
    // its own step succeeds, so nothing that can still fail may come after it.
    syncScans(store, attachment.applicationId, actor, { pageId });
    store.attachments.removePage(attachmentId, pageId, actor);
    return slotViews(store, attachment.applicationId, attachment.slot);
  });
}

export function removeScan(store: Store, attachmentId: string, applicationId: string, slot: string, actor: string): AttachmentView[] {
  return inTransaction(store, () => {
    const { attachment } = ownAttachment(store, attachmentId, actor);
    // The renderer names the slot it thinks it is clearing: a mismatch means its view is stale.
    if (attachment.applicationId !== applicationId || attachment.slot !== slot) throw notFound();
    syncScans(store, applicationId, actor, { attachmentId });
    store.attachments.remove(attachmentId, actor);
    return slotViews(store, applicationId, slot);
  });
}
