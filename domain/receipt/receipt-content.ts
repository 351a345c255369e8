import { translate, type Locale, type MessageKey, type MessageParams } from '../../i18n';
import { maskIdNumber, maskMobileNumber } from './id-masking';
import { formatMacauDateTimeIn } from '../display-date';
import type { ReceiptDocument, ReceiptInput, ReceiptLocales } from './receipt-input';

// What the receipt says, in order, already translated: the renderer only places it.
// Keeping this pure means the wording can be tested without a PDF.

/** A line of text; the first language is primary, the others are printed lighter. */
export interface ReceiptLine {
  text: string;
  tone: 'primary' | 'secondary';
}

export type ReceiptBlock =
  | { type: 'header'; lines: ReceiptLine[] }
  | { type: 'title'; lines: ReceiptLine[] }
  | { type: 'reprint'; lines: ReceiptLine[] }
  | { type: 'applicationNumber'; label: ReceiptLine[]; number: string }
  /** `short`: a one-word value; wide paper may set several short fields side by side. */
  | { type: 'field'; label: ReceiptLine[]; value: ReceiptLine[]; short?: boolean }
  | { type: 'documents'; label: ReceiptLine[]; items: { title: ReceiptLine[]; details: ReceiptLine[] }[] }
  | { type: 'paragraphs'; label: ReceiptLine[]; paragraphs: ReceiptLine[] }
  | { type: 'qr'; caption: ReceiptLine[] };

export interface ReceiptContent {
  locales: Locale[];
  blocks: ReceiptBlock[];
}

/** zh-Hant and pt always (both official languages); English when the workstation asks for it. */
export function receiptLocales(options: ReceiptLocales): Locale[] {
  return options.english ? ['zh-Hant', 'pt', 'en'] : ['zh-Hant', 'pt'];
}

const tone = (i: number): ReceiptLine['tone'] => (i === 0 ? 'primary' : 'secondary');
const listSeparator = (locale: Locale) => (locale === 'zh-Hant' ? '、' : ', ');
const sentenceJoin = (locale: Locale, parts: string[]) => parts.join(locale === 'zh-Hant' ? '' : ' ');

export function buildReceiptContent(input: ReceiptInput, options: ReceiptLocales): ReceiptContent {
  const locales = receiptLocales(options);
  const each = (key: MessageKey, params?: MessageParams): ReceiptLine[] => locales.map((l, i) => ({ text: translate(l, key, params), tone: tone(i) }));
  const perLocale = (f: (l: Locale) => string): ReceiptLine[] => locales.map((l, i) => ({ text: f(l), tone: tone(i) }));
  const plain = (...texts: (string | undefined)[]): ReceiptLine[] =>
    texts.filter((t): t is string => t !== undefined && t !== '').map((text, i) => ({ text, tone: tone(i) }));

  const blocks: ReceiptBlock[] = [
    { type: 'header', lines: each('receipt.header') },
    { type: 'title', lines: each('receipt.title') },
  ];
  if (input.reprintCount > 0) blocks.push({ type: 'reprint', lines: each('receipt.reprint', { count: input.reprintCount }) });
  blocks.push({ type: 'applicationNumber', label: each('receipt.applicationNumber'), number: input.applicationNumber });

  blocks.push({
    type: 'field',
    label: each('receipt.kind'),
    value: perLocale((l) => {
      const kind = translate(l, `receipt.kind.${input.kind}`);
      if (input.changes.length === 0) return kind;
      const changes = input.changes.map((c) => translate(l, `receipt.change.${c}`)).join(listSeparator(l));
      return `${kind}${l === 'zh-Hant' ? '：' : ': '}${changes}`;
    }),
  });
  const entity = input.entity;
  if (entity.nameZh !== undefined || entity.namePt !== undefined || entity.nameEn !== undefined) {
    blocks.push({ type: 'field', label: each('receipt.entityName'), value: plain(entity.nameZh, entity.namePt, entity.nameEn) });
  }
  if (entity.entityNumber !== undefined) blocks.push({ type: 'field', label: each('receipt.entityNumber'), value: plain(entity.entityNumber) });
  if (entity.type !== undefined) blocks.push({ type: 'field', label: each('receipt.entityType'), value: each(`receipt.entityType.${entity.type}`) });
  blocks.push({ type: 'field', label: each('receipt.issuedAt'), value: plain(formatMacauDateTimeIn(locales[0] ?? 'zh-Hant', input.issuedAt)) });
  const sp = input.servicePoint;
  blocks.push({
    type: 'field',
    label: each('receipt.servicePoint'),
    value: plain(`${sp.nameZh} (${sp.code})`, sp.namePt, locales.includes('en') ? sp.nameEn : undefined),
  });
  blocks.push({ type: 'field', label: each('receipt.workstation'), value: plain(input.workstationId), short: true });
  blocks.push({ type: 'field', label: each('receipt.clerk'), value: plain(input.clerkStaffNumber), short: true });
  blocks.push({ type: 'field', label: each('receipt.pagesScanned'), value: plain(String(input.pagesScanned)), short: true });
  // FAQ 7: opening an entity account is free.
  blocks.push({ type: 'field', label: each('receipt.fee'), value: each('receipt.fee.free'), short: true });

  blocks.push({
    type: 'documents',
    label: each('receipt.documents'),
    items:
      input.documents.length === 0
        ? [{ title: each('receipt.documents.none'), details: [] }]
        : input.documents.map((d) => ({ title: documentTitle(d, locales), details: documentDetails(d, locales) })),
  });

  blocks.push({ type: 'paragraphs', label: each('receipt.next'), paragraphs: perLocale((l) => nextSteps(input, l)) });
  const servicePointName = (l: Locale) => (l === 'zh-Hant' ? sp.nameZh : l === 'pt' ? sp.namePt : (sp.nameEn ?? sp.namePt));
  blocks.push({
    type: 'paragraphs',
    label: each('receipt.ask'),
    paragraphs: perLocale((l) => translate(l, 'receipt.ask.where', { servicePoint: servicePointName(l) })),
  });
  blocks.push({ type: 'qr', caption: each('receipt.qr.caption') });
  return { locales, blocks };
}

function documentTitle(d: ReceiptDocument, locales: Locale[]): ReceiptLine[] {
  return locales.map((l, i) => {
    const label = d.label ? (l === 'zh-Hant' ? d.label.zh : l === 'pt' ? d.label.pt : (d.label.en ?? d.label.pt)) : undefined;
    const kind = translate(l, `receipt.doc.${d.kind}`);
    return { text: label === undefined ? kind : d.kind === 'other' ? label : `${kind}${l === 'zh-Hant' ? '：' : ': '}${label}`, tone: tone(i) };
  });
}

function documentDetails(d: ReceiptDocument, locales: Locale[]): ReceiptLine[] {
  const lines: ReceiptLine[] = [];
  if (d.person) {
    const id = d.person.idNumber ? `  ${maskIdNumber(d.person.idNumber)}` : '';
    lines.push({ text: `${d.person.name}${id}`, tone: 'primary' });
  }
  locales.forEach((l, i) => {
    const parts: string[] = [];
    if (d.sighting !== 'none') parts.push(translate(l, `receipt.sighting.${d.sighting}`));
    if (d.copyKept) parts.push(translate(l, 'receipt.copyKept'));
    if (d.pagesScanned > 0) parts.push(translate(l, 'receipt.pages', { count: d.pagesScanned }));
    if (parts.length > 0) lines.push({ text: parts.join(l === 'zh-Hant' ? '；' : '; '), tone: tone(i) });
  });
  return lines;
}

/** ps-2112a: approval, then the entity account, then the admin logins; FAQ 15: codes by SMS. */
function nextSteps(input: ReceiptInput, l: Locale): string {
  const sentences = [translate(l, 'receipt.next.approval')];
  const sms = () =>
    input.adminMobiles.length > 0
      ? translate(l, 'receipt.next.sms', { mobiles: input.adminMobiles.map(maskMobileNumber).join(listSeparator(l)) })
      : translate(l, 'receipt.next.smsRegistered');
  if (input.kind === 'first_application') {
    sentences.push(translate(l, 'receipt.next.activation'), sms());
  } else if (input.kind === 'change_of_data') {
    sentences.push(translate(l, 'receipt.next.change'));
    if (input.changes.includes('add_admin')) sentences.push(sms());
  } else {
    sentences.push(translate(l, 'receipt.next.eid'));
  }
  sentences.push(translate(l, 'receipt.next.keep'));
  return sentenceJoin(l, sentences);
}
