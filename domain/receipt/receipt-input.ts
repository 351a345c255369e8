import { z } from 'zod';
import { APPLICATION_KINDS, CHANGE_TYPES, ENTITY_TYPES, ID_DOCUMENT_TYPES, SIGHTING_KINDS } from '../model/codes';

// What a receipt needs, as plain data. Deliberately independent of the application model
// (domain/model): the caller maps an application onto this shape when it prints.

/** Documents a receipt can list (ps-2112a: three signed papers; FAQ 5, 6, 9–14). */
export const RECEIPT_DOCUMENT_KINDS = [
  'application_form', // 實體帳戶申請表 (ps-2112a)
  'agreement', // 實體帳戶協議 (ps-2112a)
  'admin_form', // 工作人員登入號（實體管理員）申請表 (FAQ 9–14)
  'change_form', // 更改資料申請表 (ps-2112b)
  'legal_rep_id', // 合法代表身份證明文件 (FAQ 5)
  'admin_id', // 管理員身份證明文件 (ps-2112a)
  'power_of_attorney', // 授權書 (FAQ 6)
  'attorney_id', // 受權人身份證明文件 (FAQ 6)
  'registration_certificate', // 登記證明
  'other',
] as const;
export type ReceiptDocumentKind = (typeof RECEIPT_DOCUMENT_KINDS)[number];

export const PAPER_SIZES = ['a4', 'thermal80'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/** The number printed large and in the QR: letters, digits and separators only, so a scanner or a keyboard can reproduce it. */
export const APPLICATION_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9\-/]{0,39}$/;
/** Same shape as the workstation config (services/core/workstation-config.ts), a little wider. */
export const WORKSTATION_ID_PATTERN = /^[A-Z0-9][A-Z0-9_.-]{0,31}$/;

export const ReceiptPersonSchema = z
  .object({
    name: text(120),
    idType: z.enum(ID_DOCUMENT_TYPES).optional(),
    /** Full number as typed; the receipt prints it masked (all but the last 4 characters). */
    idNumber: text(40).optional(),
  })
  .strict();

export const ReceiptDocumentSchema = z
  .object({
    kind: z.enum(RECEIPT_DOCUMENT_KINDS),
    /** Free text label for kind 'other' (or to qualify another kind), one per language. */
    label: z
      .object({ zh: text(120), pt: text(120), en: text(120).optional() })
      .strict()
      .optional(),
    person: ReceiptPersonSchema.optional(),
    /** How the clerk saw it (FAQ 5, 6). */
    sighting: z.enum(SIGHTING_KINDS),
    /** A copy was submitted and stays with the application (FAQ 5: any ID other than a BIR). */
    copyKept: z.boolean(),
    pagesScanned: z.number().int().min(0).max(999),
  })
  .strict();

export const ReceiptInputSchema = z
  .object({
    applicationNumber: z.string().regex(APPLICATION_NUMBER_PATTERN),
    kind: z.enum(APPLICATION_KINDS),
    /** Only for change_of_data (ps-2112b); one form may carry several changes. */
    changes: z.array(z.enum(CHANGE_TYPES)).max(CHANGE_TYPES.length).default([]),
    entity: z
      .object({
        /** Always on a first application (FAQ 4); the later forms may name the entity by number only. */
        type: z.enum(ENTITY_TYPES).optional(),
        nameZh: text(200).optional(),
        namePt: text(200).optional(),
        nameEn: text(200).optional(),
        /** The account's entity number, by which a change of data (ps-2112b) or a staff login's form (FAQ 19) names it. */
        entityNumber: text(20).optional(),
      })
      .strict()
      .refine((e) => e.nameZh !== undefined || e.namePt !== undefined || e.nameEn !== undefined || e.entityNumber !== undefined, {
        message: 'entity needs a name or its entity number',
      }),
    /** ISO 8601 instant with an offset (e.g. 2026-11-23T03:15:00Z); printed in Asia/Macau time. */
    issuedAt: z.iso.datetime({ offset: true }),
    servicePoint: z.object({ code: text(16), nameZh: text(100), namePt: text(100), nameEn: text(100).optional() }).strict(),
    workstationId: z.string().regex(WORKSTATION_ID_PATTERN),
    /** Staff number only: the clerk's name never goes on a receipt. */
    clerkStaffNumber: text(20),
    documents: z.array(ReceiptDocumentSchema).max(60),
    pagesScanned: z.number().int().min(0).max(9999),
    /** Full mobile numbers of the admins who will get activation codes by SMS (FAQ 15); printed masked. */
    adminMobiles: z.array(text(24)).max(3).default([]),
    /** 0 for the original; n for the n-th reprint (the caller counts and audits). */
    reprintCount: z.number().int().min(0).max(999).default(0),
  })
  .strict()
  .refine((r) => (r.kind === 'change_of_data') === r.changes.length > 0, {
    message: 'a change of data lists its changes (ps-2112b); other kinds list none',
    path: ['changes'],
  });

/** What the caller passes (defaults not yet applied). */
export type ReceiptInputData = z.input<typeof ReceiptInputSchema>;
/** Checked input, defaults applied. */
export type ReceiptInput = z.output<typeof ReceiptInputSchema>;
export type ReceiptDocument = z.output<typeof ReceiptDocumentSchema>;
export type ReceiptPerson = z.output<typeof ReceiptPersonSchema>;

/** Traditional Chinese and Portuguese always (official languages); English is a per-workstation option. */
export type ReceiptLocales = { english: boolean };
