import { z } from 'zod';
import { empty, id, isoTime, method, text } from './schema-helpers';

// Receipts (issue 6): issue, reprint (副本 / Segunda via / Copy), print at the counter,
// verify a scanned QR offline, and the workstation's receipt settings. The signing key
// never crosses this boundary; the public key does (it is printed on every receipt anyway).

export const RECEIPT_PAPER_SIZES = ['a4', 'roll80'] as const;
export const RECEIPT_VERIFY_RESULTS = ['valid', 'tampered', 'unknown_workstation', 'malformed'] as const;

const ApplicationRef = z.object({ applicationId: id }).strict();

export const ReceiptFileSchema = z
  .object({
    fileName: z.string(),
    pdfBase64: z.string(),
    /** 0 for the original receipt; n for the n-th reprint. */
    copy: z.number().int().min(0),
  })
  .strict();

export const ReceiptStatusSchema = z
  .object({
    applicationNumber: z.string().nullable(),
    /** The signed-in user may issue or reprint this application's receipt now. */
    allowed: z.boolean(),
    issued: z.boolean(),
    reprints: z.number().int().min(0),
    /** A printer is attached (Electron); otherwise the receipt is downloaded. */
    canPrint: z.boolean(),
  })
  .strict();

export const ReceiptSettingsSchema = z
  .object({
    paperSize: z.enum(RECEIPT_PAPER_SIZES),
    english: z.boolean(),
    printer: text(200).min(1).optional(),
  })
  .strict();

export const receiptContract = {
  /** An application by the number on its receipt (a person back for a lost receipt). */
  'receipts.find': method(z.object({ applicationNumber: text(40).min(1) }).strict(), z.object({ applicationId: id }).strict()),
  'receipts.status': method(ApplicationRef, ReceiptStatusSchema),
  /** The first receipt: audited `print`. A second call is refused (use reprint). */
  'receipts.issue': method(ApplicationRef, ReceiptFileSchema),
  /** A copy marked 副本 / Segunda via / Copy, counted and audited `reprint`. */
  'receipts.reprint': method(ApplicationRef, ReceiptFileSchema),
  /** Issue (or reprint, once issued) straight to the configured printer; Electron only. */
  'receipts.print': method(
    z.object({ applicationId: id, mode: z.enum(['issue', 'reprint']) }).strict(),
    z.object({ copy: z.number().int().min(0), printer: z.string() }).strict(),
  ),
  'receipts.verify': method(
    // Generous bound: a token is ~200 characters; anything longer is refused as malformed.
    z.object({ token: text(2000) }).strict(),
    z
      .object({
        result: z.enum(RECEIPT_VERIFY_RESULTS),
        applicationNumber: z.string().optional(),
        issuedAt: isoTime.optional(),
        workstationId: z.string().optional(),
        /** valid only: this workstation has the application and its names and documents match the receipt. */
        matchesRecord: z.boolean().optional(),
        /** valid only: the receipt names this workstation, yet its application is not in this store (restored or replaced machine?). */
        notOnFile: z.boolean().optional(),
      })
      .strict(),
  ),
  'receipts.settings': method(empty, ReceiptSettingsSchema),
  'receipts.setSettings': method(ReceiptSettingsSchema, ReceiptSettingsSchema),
  'receipts.printers': method(
    empty,
    z
      .object({
        available: z.boolean(),
        printers: z.array(z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() }).strict()),
      })
      .strict(),
  ),
  /** A sample receipt with this workstation's settings: shown in a print preview (Electron) or downloaded. */
  'receipts.preview': method(empty, z.object({ shown: z.boolean(), file: ReceiptFileSchema.optional() }).strict()),
  /** This workstation's public key, for the administrator to hand to the central API. */
  'receipts.workstationKey': method(empty, z.object({ workstationId: z.string(), publicKey: z.string() }).strict()),
} as const;
