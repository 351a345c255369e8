import { translate, type Locale, type MessageKey, type MessageParams } from '../../i18n';
import type { IdDocumentType } from '../model/codes';
import { formatMacauDateTimeIn } from '../display-date';
import { macauDay } from '../macau-day';
import { receiptLocales, type ReceiptBlock, type ReceiptContent, type ReceiptLine } from '../receipt/receipt-content';
import type { ReceiptLocales } from '../receipt/receipt-input';
import type { EidTool, EnablementState } from './checks-vocabulary';
import { enablementReceiptLine } from './receipt-lines';

// Issue 16 item 3: what the person's receipt for a visit says (FAQ 19: one line per entity),
// already translated, in the blocks the application receipt's painter lays out. Pure, so the
// wording is tested without a PDF. A line queued at the counter says it completes at sync; the
// receipt printed after the server answered says done, or refused with the server's reason.

export interface VisitReceiptRecord {
  tool: EidTool;
  state: EnablementState;
  entityNumber: string;
  staffLoginId: string;
  refusal?: { messageKey: MessageKey; params?: MessageParams };
}

export interface VisitReceiptData {
  /** Printed large and signed in the QR (visitReference). */
  reference: string;
  issuedAt: string;
  servicePoint: { code: string; nameZh: string; namePt: string; nameEn?: string };
  workstationId: string;
  clerkStaffNumber: string;
  /** The ID the clerk sighted, already masked (never the whole number on paper). */
  idShown: { type: IdDocumentType; numberMasked: string };
  records: readonly VisitReceiptRecord[];
}

/**
 * The visit's printed reference: `EID-<workstation>-<Macau day>-<8 of the visit id>`, in the
 * characters an application number may hold, so the receipt QR's token can carry it.
 */
export function visitReference(workstationId: string, visitId: string, issuedAt: Date): string {
  const tail =
    visitId
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 8)
      .toUpperCase() || '0';
  return `EID-${workstationId.toUpperCase().replace(/[^A-Z0-9-]/g, '')}-${macauDay(issuedAt).replaceAll('-', '')}-${tail}`.slice(0, 40);
}

/** One receipt line per enablement, in the state it is in now (the line's own words say queued / done / refused). */
export function visitReceiptLines(records: readonly VisitReceiptRecord[]): { messageKey: MessageKey; params: MessageParams }[] {
  return records.map(enablementReceiptLine);
}

export function buildVisitReceiptContent(data: VisitReceiptData, options: ReceiptLocales): ReceiptContent {
  const locales = receiptLocales(options);
  const tone = (i: number): ReceiptLine['tone'] => (i === 0 ? 'primary' : 'secondary');
  const each = (key: MessageKey, params?: MessageParams): ReceiptLine[] => locales.map((l, i) => ({ text: translate(l, key, params), tone: tone(i) }));
  const perLocale = (f: (l: Locale) => string): ReceiptLine[] => locales.map((l, i) => ({ text: f(l), tone: tone(i) }));
  const plain = (...texts: (string | undefined)[]): ReceiptLine[] =>
    texts.filter((t): t is string => t !== undefined && t !== '').map((text, i) => ({ text, tone: tone(i) }));
  const sp = data.servicePoint;
  const tools = [...new Set(data.records.map((r) => r.tool))];

  const blocks: ReceiptBlock[] = [
    { type: 'header', lines: each('receipt.header') },
    { type: 'title', lines: each('eid.receipt.title') },
    { type: 'applicationNumber', label: each('eid.receipt.reference'), number: data.reference },
    {
      type: 'field',
      label: each('receipt.kind'),
      value: perLocale((l) => tools.map((t) => translate(l, `receipt.kind.${t}`)).join(l === 'zh-Hant' ? '、' : ', ')),
    },
    {
      type: 'field',
      label: each('eid.receipt.idShown'),
      value: perLocale((l) => `${translate(l, `intake.idType.${data.idShown.type}`)} ${data.idShown.numberMasked}`),
    },
    { type: 'field', label: each('receipt.issuedAt'), value: plain(formatMacauDateTimeIn(locales[0] ?? 'zh-Hant', data.issuedAt)) },
    {
      type: 'field',
      label: each('receipt.servicePoint'),
      value: plain(`${sp.nameZh} (${sp.code})`, sp.namePt, locales.includes('en') ? sp.nameEn : undefined),
    },
    { type: 'field', label: each('receipt.workstation'), value: plain(data.workstationId), short: true },
    { type: 'field', label: each('receipt.clerk'), value: plain(data.clerkStaffNumber), short: true },
    {
      type: 'documents',
      label: each('eid.receipt.lines'),
      items: data.records.map((r) => {
        const line = enablementReceiptLine(r);
        return { title: each(line.messageKey, line.params), details: r.state === 'refused' && r.refusal ? each(r.refusal.messageKey, r.refusal.params) : [] };
      }),
    },
  ];
  if (data.records.some((r) => r.state === 'queued'))
    blocks.push({ type: 'paragraphs', label: each('eid.receipt.queuedLabel'), paragraphs: each('eid.receipt.queuedNote') });
  blocks.push({ type: 'qr', caption: each('receipt.qr.caption') });
  return { locales, blocks };
}
