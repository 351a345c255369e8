import { ApiError } from '../../api/result';
import { UPLOAD_CHUNK_BYTES, type attachmentContract } from '../../api/contracts/attachment-contract';
import { INTAKE_ROLES } from '../auth';
import type { CoreDeps, CoreServices } from '../core/core-deps';
import { UploadError, UploadSessions } from '../attachments/upload-sessions';
import {
  attachScanOffThread,
  editableApplication,
  maxBytes,
  ownApplication,
  removePage,
  removeScan,
  reorderPages,
  rotatePage,
  tooLarge,
  toAttachError,
  attachmentViewIn,
} from '../attachments/application-scans';
import { TrayItemGone, type ScannerTray } from '../scanner-folder/scanner-tray';
import { createTrayDescriber } from '../scanner-folder/tray-items';
import type { AreaHandlers } from './area-handlers';
import { mappingRefusals } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';

/** Larger pages are not sent for a preview: the UI shows a badge instead of stalling. */
const MAX_PREVIEW_BYTES = 8 * 1024 * 1024;

export interface AttachmentHandlerOptions {
  /** The watched scanner folder, when this workstation has one (workstation config). */
  tray?: { folder: string; tray: ScannerTray };
  uploads?: UploadSessions;
  /** How long the off-thread check of a file may take (default inspect-off-thread.ts's); tests shorten it. */
  inspectTimeoutMs?: number;
}

function uploadError(e: UploadError, deps: Pick<CoreDeps, 'store'>): ApiError {
  switch (e.problem) {
    case 'too_large':
      return tooLarge(deps.store);
    case 'too_many_uploads':
      return new ApiError('unavailable', e.message, 'attachments.error.busy');
    case 'unknown_upload':
      return new ApiError('not_found', e.message, 'attachments.error.uploadExpired');
    default:
      return new ApiError('conflict', e.message, 'attachments.error.uploadBroken');
  }
}

export function createAttachmentHandlers(
  deps: Pick<CoreDeps, 'store'>,
  { auth }: Pick<CoreServices, 'auth'>,
  opts: AttachmentHandlerOptions = {},
): AreaHandlers<typeof attachmentContract> {
  const { store } = deps;
  const me = () => auth.requireUser(INTAKE_ROLES).actor;
  // The sessions' own cap is the memory bound; the clerk-facing limit is the store setting,
  // checked at begin so a 30 MB file is refused before a byte is sent.
  const uploads = opts.uploads ?? new UploadSessions({ maxBytes: 64 * 1024 * 1024 });
  const inspectOpts = opts.inspectTimeoutMs !== undefined ? { timeoutMs: opts.inspectTimeoutMs } : {};
  const describer = opts.tray ? createTrayDescriber(opts.tray.folder, () => maxBytes(store)) : null;
  const uploading = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw e instanceof UploadError ? uploadError(e, deps) : e;
    }
  };
  const ownUpload = (uploadId: string, actor: string) => {
    const meta = uploads.meta(uploadId);
    if (!meta || meta.actor !== actor) throw new ApiError('not_found', 'Upload not found or expired', 'attachments.error.uploadExpired');
    return meta;
  };

  return mappingRefusals(SESSION_REFUSALS, {
    'attachments.begin': ({ applicationId, slot, fileName, size, attachmentId }) => {
      const actor = me();
      editableApplication(store, applicationId, actor);
      if (size > maxBytes(store)) throw tooLarge(store);
      const uploadId = uploading(() => uploads.begin({ applicationId, slot, fileName, size, actor, ...(attachmentId !== undefined ? { attachmentId } : {}) }));
      return { uploadId, chunkSize: UPLOAD_CHUNK_BYTES };
    },
    'attachments.chunk': ({ uploadId, index, dataBase64 }) => {
      ownUpload(uploadId, me());
      const bytes = Buffer.from(dataBase64, 'base64');
      return { received: uploading(() => uploads.chunk(uploadId, index, bytes)).received };
    },
    'attachments.commit': async ({ uploadId }) => {
      const actor = me();
      ownUpload(uploadId, actor);
      const { meta, bytes } = uploading(() => uploads.commit(uploadId));
      // Checked in a worker: a hostile upload must not hold up every other clerk's calls.
      return attachScanOffThread(
        store,
        bytes,
        {
          applicationId: meta.applicationId,
          slot: meta.slot,
          actor,
          ...(meta.attachmentId !== undefined ? { attachmentId: meta.attachmentId } : {}),
        },
        inspectOpts,
      );
    },
    'attachments.abort': ({ uploadId }) => {
      if (uploads.meta(uploadId)?.actor === me()) uploads.abort(uploadId);
      return {};
    },
    'attachments.list': ({ applicationId }) => {
      ownApplication(store, applicationId, me());
      return store.attachments.list(applicationId).map(attachmentViewIn(store));
    },
    'attachments.thumbnail': ({ attachmentId, page }) => {
      const actor = me();
      const a = store.attachments.get(attachmentId);
      if (!a) throw new ApiError('not_found', 'No such scan', 'api.error.notFound');
      ownApplication(store, a.applicationId, actor);
      const p = a.pages[page];
      if (!p) throw new ApiError('not_found', 'No such page', 'api.error.notFound');
      if ((p.mime !== 'image/jpeg' && p.mime !== 'image/png') || p.size > MAX_PREVIEW_BYTES || p.purged) {
        throw new ApiError('refused', 'no preview for this page', 'attachments.error.noPreview');
      }
      try {
        return { mime: p.mime, dataBase64: store.attachments.read(attachmentId, page).toString('base64'), rotation: p.rotation };
      } catch (e) {
        throw toAttachError(e, store);
      }
    },
    'attachments.rotate': ({ attachmentId, pageId, rotation }) => rotatePage(store, attachmentId, pageId, rotation, me()),
    'attachments.reorder': ({ attachmentId, pageIds }) => reorderPages(store, attachmentId, pageIds, me()),
    'attachments.removePage': ({ attachmentId, pageId }) => removePage(store, attachmentId, pageId, me()),
    'attachments.remove': ({ attachmentId, applicationId, slot }) => removeScan(store, attachmentId, applicationId, slot, me()),
    'scanner.tray': async () => {
      me();
      if (!opts.tray || !describer) return { configured: false, items: [] };
      opts.tray.tray.scan();
      return { configured: true, folder: opts.tray.folder, items: await describer.list(opts.tray.tray) };
    },
    'scanner.assign': async ({ itemId, applicationId, slot, attachmentId }) => {
      const actor = me();
      if (!opts.tray) throw new ApiError('refused', 'no scanner folder', 'attachments.error.notConfigured');
      editableApplication(store, applicationId, actor);
      let bytes: Buffer;
      try {
        bytes = (await opts.tray.tray.read(itemId)).bytes;
      } catch (e) {
        if (e instanceof TrayItemGone) throw new ApiError('not_found', e.message, 'attachments.error.trayItemGone');
        throw e;
      }
      const view = await attachScanOffThread(
        store,
        bytes,
        { applicationId, slot, actor, ...(attachmentId !== undefined ? { attachmentId } : {}) },
        inspectOpts,
      );
      try {
        opts.tray.tray.markAssigned(itemId);
      } catch {
        // Stored and recorded already; the file stays in the tray and the clerk can see it
        // was attached. Better than failing a call whose effect has happened.
      }
      return view;
    },
  });
}
