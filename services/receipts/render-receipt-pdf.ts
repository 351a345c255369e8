import PDFDocument from 'pdfkit';
import type { LocalisedMessage } from '../../i18n';
import { buildReceiptContent, type ReceiptBlock, type ReceiptLine } from '../../domain/receipt/receipt-content';
import { ReceiptInputSchema, type PaperSize, type ReceiptInput, type ReceiptInputData, type ReceiptLocales } from '../../domain/receipt/receipt-input';
import { RECEIPT_LAYOUTS, type ReceiptLayout } from '../../domain/receipt/receipt-layout';
import { addQrRects, qrMatrix, type QrMatrix } from './qr-drawing';
import { loadReceiptFonts } from './receipt-fonts';
import { createReceiptToken } from './receipt-token';
import type { WorkstationSigningKey } from './workstation-keys';

export interface RenderReceiptOptions {
  signingKey: WorkstationSigningKey;
  paper: PaperSize;
  /** zh-Hant and pt are always printed; English per workstation. Default: no English. */
  locales?: ReceiptLocales;
  /** Where the Noto Sans TC files are; default resources/fonts of this checkout. */
  fontDirectory?: string;
}

/** Bad receipt data: nothing was printed. `message` is for the clerk, `issues` for the log. */
export class ReceiptInputError extends Error {
  constructor(
    readonly localised: LocalisedMessage,
    readonly issues: string[],
  ) {
    super(`receipt input rejected: ${issues.join('; ')}`);
    this.name = 'ReceiptInputError';
  }
}

/** Check and complete receipt data (defaults applied) or throw a ReceiptInputError. */
export function parseReceiptInput(data: unknown): ReceiptInput {
  const parsed = ReceiptInputSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
  throw new ReceiptInputError({ key: 'receipt.error.invalidInput', params: { detail: issues.slice(0, 3).join('; ') } }, issues);
}

export interface RenderedReceipt {
  pdf: Buffer;
  /** The signed text inside the QR, for the caller to keep with the application and its audit entry. */
  token: string;
  qrVersion: number;
}

export async function renderReceiptPdf(input: ReceiptInputData | ReceiptInput, options: RenderReceiptOptions): Promise<Buffer> {
  return (await renderReceipt(input, options)).pdf;
}

/** Same as renderReceiptPdf, also returning the token printed in the QR. */
export async function renderReceipt(data: ReceiptInputData | ReceiptInput, options: RenderReceiptOptions): Promise<RenderedReceipt> {
  const input = parseReceiptInput(data);
  if (options.signingKey.workstationId !== input.workstationId) {
    throw new ReceiptInputError({ key: 'receipt.error.keyMismatch' }, [
      `signing key of ${options.signingKey.workstationId}, receipt of ${input.workstationId}`,
    ]);
  }
  const token = createReceiptToken(input, options.signingKey);
  const qr = qrMatrix(token);
  const layout = RECEIPT_LAYOUTS[options.paper];
  const content = buildReceiptContent(input, options.locales ?? { english: false });
  const fonts = loadReceiptFonts(options.fontDirectory);

  const pdf = await paintReceiptPdf({
    title: `${input.applicationNumber} 申請收據 Recibo do pedido`,
    author: input.servicePoint.code,
    issuedAt: input.issuedAt,
    regularFont: fonts.regular,
    layout,
    qr,
    reference: input.applicationNumber,
    blocks: content.blocks,
  });
  return { pdf, token, qrVersion: qr.version };
}

/**
 * One receipt document, for every kind of receipt (application, e-ID visit): the same PDF
 * settings, font and painter. Fixed dates (the issue time) make the file, and its /ID, depend
 * only on the receipt.
 */
export async function paintReceiptPdf(r: {
  title: string;
  author: string;
  issuedAt: string;
  regularFont: ReturnType<typeof loadReceiptFonts>['regular'];
  layout: ReceiptLayout;
  qr: QrMatrix;
  reference: string;
  blocks: ReceiptBlock[];
}): Promise<Buffer> {
  const issued = new Date(r.issuedAt);
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    lang: 'zh-Hant-MO',
    displayTitle: true,
    info: { Title: r.title, Author: r.author, Creator: 'Counterdesk', Producer: 'Counterdesk (PDFKit)', CreationDate: issued, ModDate: issued },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT, r.regularFont);
  const painter = new ReceiptPainter(doc, r.layout, r.qr, r.reference);
  painter.paint(r.blocks, r.layout.fixedHeight ?? painter.measure(r.blocks));
  doc.end();
  return finished;
}

type ShortFieldRow = { type: 'row'; fields: Extract<ReceiptBlock, { type: 'field' }>[] };

/** The one registered font name (receipts and the e-ID visit receipt, services/security-code). */
const FONT = 'receipt-regular';
const INK = { primary: '#000000', secondary: '#333333', rule: '#777777' } as const;
/**
 * Bold is the regular glyph filled and stroked (text render mode 2), not the bold font.
 * Issue 6 wants < 60 KB per receipt and nearly all the bytes are the embedded CJK glyphs
 * (~250-450 bytes each, unhinted TrueType): a second, bold subset embedded the heading
 * characters and the Latin ones again, and a receipt listing 12 people went over 60 KB.
 * One subset of one font keeps the text real and copyable (pdftotext) and the file small.
 */
const STROKED_BOLD_WIDTH = 0.035;

/**
 * Lays the blocks out top to bottom. Runs twice on a thermal roll: once to measure the
 * page height (the roll is cut where the content ends), once to draw. On A4 a block that
 * does not fit starts a new page.
 */
class ReceiptPainter {
  private y = 0;
  private drawing = false;
  private pageHeight = 0;
  /** While true, blocks share the top of the page with a top-right QR. */
  private besideQr = false;
  private qrBottom = 0;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly layout: ReceiptLayout,
    private readonly qr: QrMatrix,
    private readonly applicationNumber: string,
  ) {}

  /** Wide paper: runs of short fields become one row (up to 4 side by side). */
  private group(blocks: ReceiptBlock[]): (ReceiptBlock | ShortFieldRow)[] {
    if (this.layout.labelColumn === null) return blocks;
    const out: (ReceiptBlock | ShortFieldRow)[] = [];
    for (const b of blocks) {
      const last = out[out.length - 1];
      if (b.type === 'field' && b.short) {
        if (last?.type === 'row' && last.fields.length < 4) last.fields.push(b);
        else out.push({ type: 'row', fields: [b] });
      } else out.push(b);
    }
    return out;
  }

  measure(blocks: ReceiptBlock[]): number {
    this.drawing = false;
    this.y = this.layout.margin;
    for (const b of this.group(blocks)) this.block(b);
    return Math.ceil(this.y + this.layout.margin);
  }

  paint(blocks: ReceiptBlock[], pageHeight: number): void {
    this.drawing = true;
    this.pageHeight = pageHeight;
    this.newPage();
    const qr = blocks.find((b) => b.type === 'qr');
    if (qr && this.layout.qrPlacement === 'top-right') {
      const { width, margin, qrSize } = this.layout;
      this.qrBottom = this.y + this.qrWithCaption(qr.caption, width - margin - qrSize, this.y, qrSize);
      this.besideQr = true;
    }
    for (const b of this.group(blocks)) this.block(b);
  }

  private get contentWidth() {
    return this.layout.width - 2 * this.layout.margin - (this.besideQr ? this.layout.qrSize + 14 : 0);
  }

  private newPage() {
    this.doc.addPage({ size: [this.layout.width, this.pageHeight], margin: 0 });
    this.y = this.layout.margin;
  }

  /** On paged paper, start a new page unless `height` still fits. */
  private reserve(height: number) {
    if (!this.drawing || this.layout.fixedHeight === null) return;
    if (this.y + height > this.pageHeight - this.layout.margin && this.y > this.layout.margin) this.newPage();
  }

  private setFont(bold: boolean, size: number, tone: ReceiptLine['tone']) {
    this.doc.font(FONT).fontSize(size);
    if (this.drawing) {
      const ink = tone === 'primary' ? INK.primary : INK.secondary;
      this.doc.fillColor(ink);
      if (bold) this.doc.strokeColor(ink).lineWidth(size * STROKED_BOLD_WIDTH);
    }
  }

  /** Height of one text at the given style, or draws it at (x, y) when painting. */
  private text(
    text: string,
    x: number,
    y: number,
    width: number,
    bold: boolean,
    size: number,
    tone: ReceiptLine['tone'],
    align: 'left' | 'center' = 'left',
  ): number {
    this.setFont(bold, size, tone);
    // pdfkit brackets each text in q/Q, so the render mode and stroke end with it.
    const options = { width, align, lineGap: size * 0.15, ...(bold ? { fill: true, stroke: true } : {}) };
    const h = this.doc.heightOfString(text, options);
    if (this.drawing) this.doc.text(text, x, y, options);
    return h;
  }

  /** First line (zh-Hant) bold at `size`, the other languages regular and smaller. */
  private lines(
    lines: ReceiptLine[],
    x: number,
    y: number,
    width: number,
    size: number,
    opts: { boldPrimary?: boolean; align?: 'left' | 'center'; joinSecondary?: boolean } = {},
  ): number {
    let h = 0;
    const secondary = lines.filter((l) => l.tone === 'secondary');
    if ((opts.joinSecondary ?? true) && secondary.length > 1) {
      // Portuguese and English share a line (wrapping if need be): one A4 page, a shorter roll.
      lines = [...lines.filter((l) => l.tone === 'primary'), { text: secondary.map((l) => l.text).join(' / '), tone: 'secondary' }];
    }
    for (const line of lines) {
      const primary = line.tone === 'primary';
      h += this.text(
        line.text,
        x,
        y + h,
        width,
        primary && (opts.boldPrimary ?? false),
        primary ? size : Math.min(size, this.layout.size.secondary),
        line.tone,
        opts.align,
      );
    }
    return h;
  }

  /** Narrow paper puts a label's languages on one line to save roll. */
  private label(label: ReceiptLine[], x: number, y: number, width: number): number {
    if (this.layout.labelColumn === null || width > this.layout.labelColumn) {
      return this.text(label.map((l) => l.text).join(' / '), x, y, width, false, this.layout.size.label, 'primary');
    }
    return this.lines(label, x, y, width, this.layout.size.label, { joinSecondary: true });
  }

  private rule() {
    const y = this.y + this.layout.gap / 2;
    if (this.drawing) {
      this.doc
        .moveTo(this.layout.margin, y)
        .lineTo(this.layout.width - this.layout.margin, y)
        .lineWidth(0.5)
        .strokeColor(INK.rule)
        .stroke();
    }
    this.y += this.layout.gap;
  }

  /** Measure `draw` first, so that a unit never splits across an A4 page break; then draw it and advance. */
  private keepTogether(draw: (y: number) => number, after: number) {
    const drawing = this.drawing;
    this.drawing = false;
    const height = draw(this.y);
    this.drawing = drawing;
    this.reserve(height);
    if (this.drawing) draw(this.y);
    this.y += height + after;
  }

  /** Label beside value (A4) or above it (thermal). */
  private labelled(label: ReceiptLine[], body: (x: number, y: number, width: number) => number, stackBesideQr = false) {
    const { margin, gap } = this.layout;
    const labelColumn = this.besideQr && stackBesideQr ? null : this.layout.labelColumn;
    const w = this.contentWidth;
    this.keepTogether((y) => {
      if (labelColumn !== null) return Math.max(this.label(label, margin, y, labelColumn - 8), body(margin + labelColumn, y, w - labelColumn));
      const h = this.label(label, margin, y, w) + 1;
      return h + body(margin, y + h, w);
    }, gap);
  }

  private block(b: ReceiptBlock | ShortFieldRow) {
    // Blocks sit beside a top-right QR until they pass its bottom; lists and rows need the full width.
    if (this.besideQr && (this.y >= this.qrBottom || !['header', 'title', 'reprint', 'applicationNumber', 'field', 'qr'].includes(b.type))) {
      this.besideQr = false;
      this.y = Math.max(this.y, this.qrBottom + this.layout.gap);
    }
    const { margin, size, gap } = this.layout;
    const w = this.contentWidth;
    switch (b.type) {
      case 'header':
        this.y += this.lines(b.lines, margin, this.y, w, size.header, { boldPrimary: true, align: 'center' }) + gap / 2;
        return;
      case 'title':
        this.y += this.lines(b.lines, margin, this.y, w, size.title, { boldPrimary: true, align: 'center' });
        this.rule();
        return;
      case 'reprint': {
        const pad = 4;
        const h = this.lines(b.lines, margin + pad, this.y + pad, w - 2 * pad, size.reprint, { boldPrimary: true, align: 'center' }) + 2 * pad;
        if (this.drawing) this.doc.rect(margin, this.y, w, h).lineWidth(1.5).strokeColor(INK.primary).stroke();
        this.y += h + gap;
        return;
      }
      case 'applicationNumber':
        this.labelled(b.label, (x, y, width) => this.text(b.number, x, y, width, true, size.applicationNumber, 'primary'), true);
        return;
      case 'field':
        this.labelled(b.label, (x, y, width) => this.lines(b.value, x, y, width, size.value));
        return;
      case 'row': {
        const cell = w / 4;
        this.keepTogether(
          (y) =>
            Math.max(
              ...b.fields.map((f, i) => {
                const h = this.label(f.label, margin + i * cell, y, cell - 8) + 1;
                return h + this.lines(f.value, margin + i * cell, y + h, cell - 8, size.value);
              }),
            ),
          gap,
        );
        return;
      }
      case 'documents': {
        this.rule();
        this.reserve(size.label * 3);
        this.y += this.label(b.label, margin, this.y, w) + gap / 2;
        const indent = size.value * 1.6;
        const column = this.layout.documentColumn;
        b.items.forEach((item, i) =>
          this.keepTogether((y) => {
            this.text(`${i + 1}.`, margin, y, indent, true, size.value, 'primary');
            if (column !== null) {
              // Wide paper: what the document is on the left, how it was received on the right.
              const title = this.lines(item.title, margin + indent, y, column - indent - 8, size.value, { joinSecondary: true });
              return Math.max(title, this.lines(item.details, margin + column, y, w - column, size.secondary));
            }
            const h = this.lines(item.title, margin + indent, y, w - indent, size.value, {});
            return h + this.lines(item.details, margin + indent, y + h, w - indent, size.secondary);
          }, gap / 2),
        );
        this.y += gap / 2;
        this.rule();
        return;
      }
      case 'paragraphs': {
        this.keepTogether((y) => {
          let h = this.label(b.label, margin, y, w) + 1;
          for (const p of b.paragraphs) h += this.text(p.text, margin, y + h, w, false, p.tone === 'primary' ? size.value : size.secondary, p.tone) + 2;
          return h;
        }, gap);
        return;
      }
      case 'qr':
        if (this.layout.qrPlacement === 'end')
          this.keepTogether((y) => this.qrWithCaption(b.caption, margin + (w - this.layout.qrSize) / 2, y, this.layout.qrSize), gap);
        return;
    }
  }

  /** The QR at (x, y), the application number in plain characters and the caption beneath. */
  private qrWithCaption(caption: ReceiptLine[], x: number, y: number, side: number): number {
    const { size } = this.layout;
    // Caption as wide as the QR on A4 (it sits in a corner), the whole roll width otherwise.
    const textX = this.layout.qrPlacement === 'top-right' ? x : this.layout.margin;
    const textW = this.layout.qrPlacement === 'top-right' ? side : this.layout.width - 2 * this.layout.margin;
    if (this.drawing) {
      addQrRects(this.doc, this.qr, x, y, side);
      this.doc.fillColor(INK.primary).fill();
    }
    let h = side + 4;
    h += this.text(this.applicationNumber, textX, y + h, textW, true, size.value, 'primary', 'center');
    return h + this.lines(caption, textX, y + h, textW, size.secondary, { align: 'center' });
  }
}
