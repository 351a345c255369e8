import { z } from 'zod';
import { id, isoTime, method, text } from './schema-helpers';

/**
 * Scans attached to an application's checklist slots, and the watched scanner folder.
 *
 * Every change here (commit, assign, rotate, reorder, removePage, remove) also rewrites
 * `application.documents[slot].attachments` in the same transaction and so BUMPS THE
 * APPLICATION'S REVISION. A renderer holding the form must re-read it (`intake.get`) after
 * any of these calls succeeds; an autosave with the old revision is refused as `conflict`
 * instead of silently dropping the scan from the form.
 *
 * `documents[slot].attachments` holds the SHA-256 of every page of the slot's scans, in
 * attachment order then page order (domain/model/application.ts: attachment ids are hashes),
 * so the central API can check each file it receives. The core owns that list: it is
 * recomputed from the attachments table, never taken from the renderer.
 */

/** Bytes per `attachments.chunk` call: small enough to keep each message and the UI responsive. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
const CHUNK_BASE64_MAX = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;

const NOT_BASE64_CHAR = /[^A-Za-z0-9+/=]/;
/**
 * The language of /^[A-Za-z0-9+/]*={0,2}$/ without its anchored star, which V8 runs at
 * about 200 MB/s: on a 700 KB chunk 3.7 ms against 0.5 ms here, a third of a 20 MB
 * upload's time in the core (bench/attachments.bench.ts).
 */
export function isBase64(s: string): boolean {
  if (NOT_BASE64_CHAR.test(s)) return false;
  const pad = s.indexOf('=');
  return pad === -1 || pad === s.length - 1 || (pad === s.length - 2 && s[pad + 1] === '=');
}

/** Same key pattern as ApplicationSchema.documents (domain/rules/slots.ts builds them). */
export const slotKey = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9_.-]+$/);
export const RotationSchema = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);
export const ScanMimeSchema = z.enum(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']);

export const AttachmentPageViewSchema = z
  .object({
    id,
    position: z.number().int().min(0),
    mime: ScanMimeSchema,
    rotation: RotationSchema,
    size: z.number().int().min(0),
    /** Pages in this file, counted by the core (a PDF may hold several; issue 13 item 10). */
    pageCount: z.number().int().min(1).max(999).optional(),
  })
  .strict();

export const AttachmentViewSchema = z
  .object({
    id,
    slot: slotKey,
    /** Not kept by the store yet (only hashes are); present when known. */
    fileName: z.string().max(200).optional(),
    /** Total bytes over all pages. */
    size: z.number().int().min(0),
    pages: z.array(AttachmentPageViewSchema),
  })
  .strict();
export type AttachmentView = z.infer<typeof AttachmentViewSchema>;

export const TrayItemViewSchema = z
  .object({
    id,
    fileName: z.string().max(260),
    size: z.number().int().min(0),
    /** What the bytes are (never the file name); null when not an accepted scan type. */
    mime: ScanMimeSchema.nullable(),
    addedAt: isoTime,
    /** An i18n key saying why the file cannot be assigned (attachments.error.*). */
    problem: z.string().max(80).optional(),
    problemParams: z.record(z.string().max(40), z.union([z.string().max(100), z.number()])).optional(),
  })
  .strict();

export const attachmentContract = {
  /** Start a chunked upload. `attachmentId`: add the file as the next page of that scan. */
  'attachments.begin': method(
    z
      .object({
        applicationId: id,
        slot: slotKey,
        fileName: text(200).min(1),
        size: z
          .number()
          .int()
          .min(1)
          .max(2 ** 31),
        declaredMime: text(100).optional(),
        attachmentId: id.optional(),
      })
      .strict(),
    z.object({ uploadId: id, chunkSize: z.number().int().min(1) }).strict(),
  ),
  /** Chunks in order, `index` from 0; each at most `chunkSize` bytes. */
  'attachments.chunk': method(
    z
      .object({
        uploadId: id,
        index: z.number().int().min(0).max(100_000),
        dataBase64: z.string().min(1).max(CHUNK_BASE64_MAX).refine(isBase64, 'not base64'),
      })
      .strict(),
    z.object({ received: z.number().int().min(0) }).strict(),
  ),
  /** Sniff, store encrypted, record in the slot (revision bumped: re-read the form). */
  'attachments.commit': method(z.object({ uploadId: id }).strict(), AttachmentViewSchema),
  /** Give up an upload (the clerk cancelled): frees its memory at once. */
  'attachments.abort': method(z.object({ uploadId: id }).strict(), z.object({}).strict()),
  'attachments.list': method(z.object({ applicationId: id }).strict(), z.array(AttachmentViewSchema)),
  /** The page's bytes for a preview: JPEG and PNG pages only (PDF/TIFF: the UI shows a badge). */
  'attachments.thumbnail': method(
    z.object({ attachmentId: id, page: z.number().int().min(0).max(999) }).strict(),
    z.object({ mime: ScanMimeSchema, dataBase64: z.string(), rotation: RotationSchema }).strict(),
  ),
  'attachments.rotate': method(z.object({ attachmentId: id, pageId: id, rotation: RotationSchema }).strict(), AttachmentViewSchema),
  /** `pageIds`: every page of the scan, in the new order. */
  'attachments.reorder': method(z.object({ attachmentId: id, pageIds: z.array(id).min(1).max(200) }).strict(), AttachmentViewSchema),
  /** Returns the slot's scans after the change (the scan goes when its last page goes). */
  'attachments.removePage': method(z.object({ attachmentId: id, pageId: id }).strict(), z.array(AttachmentViewSchema)),
  /** Returns the slot's remaining scans. */
  'attachments.remove': method(z.object({ attachmentId: id, applicationId: id, slot: slotKey }).strict(), z.array(AttachmentViewSchema)),
  'scanner.tray': method(
    z.object({}).strict(),
    z.object({ configured: z.boolean(), folder: z.string().max(1000).optional(), items: z.array(TrayItemViewSchema) }).strict(),
  ),
  /** Store a tray file in a slot and move it to `assigned/` in the scanner folder. */
  'scanner.assign': method(z.object({ itemId: id, applicationId: id, slot: slotKey, attachmentId: id.optional() }).strict(), AttachmentViewSchema),
};
