import PDFDocument from 'pdfkit';
import { translate, type Locale } from '../../i18n';
import type { ReconciliationReport } from '../../domain/reconciliation';
import { formatMacauDateTime } from '../../domain/receipt/macau-time';
import { INTL_LOCALE } from '../../domain/locale-tags';
import { loadReceiptFonts } from '../receipts/receipt-fonts';
import { COUNT_COLUMNS, columnLabel, describeDifference } from './day-end-csv';

export interface DayEndPdfOptions {
  locale: Locale;
  day: string;
  generatedAt: Date;
  fontDirectory?: string;
}

const INK = { text: '#000000', muted: '#444444', bad: '#a4161a', rule: '#888888' } as const;

/**
 * A4 landscape: one row per workstation and service point, a total row, and each failing
 * equation spelled out under its row in red with a "!" mark (so it still stands out on a
 * black-and-white printer).
 */
export async function renderDayEndPdf(report: ReconciliationReport, opts: DayEndPdfOptions): Promise<Buffer> {
  const fonts = loadReceiptFonts(opts.fontDirectory);
  const t = (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate(opts.locale, k, p);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    compress: true,
    lang: INTL_LOCALE[opts.locale],
    info: {
      Title: `${t('approval.report.title')} ${opts.day}`,
      Creator: 'Counterdesk',
      Producer: 'Counterdesk (PDFKit)',
      CreationDate: opts.generatedAt,
      ModDate: opts.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('r', fonts.regular);
  doc.registerFont('b', fonts.bold);

  const left = 36;
  const width = doc.page.width - 72;
  doc.font('b').fontSize(16).fillColor(INK.text).text(t('approval.report.title'), left, 36);
  doc
    .font('r')
    .fontSize(10)
    .fillColor(INK.muted)
    .text(`${t('approval.report.day', { day: opts.day })}    ${t('approval.report.generatedAt', { at: formatMacauDateTime(opts.generatedAt) })}`);
  doc.moveDown(0.8);

  const firstCols = [0.09, 0.09];
  const countW = (1 - firstCols[0]! - firstCols[1]!) / COUNT_COLUMNS.length;
  const colX = (i: number) => left + width * (i < 2 ? (i === 0 ? 0 : firstCols[0]!) : firstCols[0]! + firstCols[1]! + (i - 2) * countW);
  const colW = (i: number) => width * (i < 2 ? firstCols[i]! : countW);

  const row = (cells: (string | number)[], font: 'r' | 'b', color: string = INK.text) => {
    const y = doc.y;
    doc.font(font).fontSize(9).fillColor(color);
    let h = 0;
    cells.forEach((c, i) => {
      doc.text(String(c), colX(i), y, { width: colW(i) - 4, align: i < 2 ? 'left' : 'right' });
      h = Math.max(h, doc.y - y);
    });
    doc.y = y + h + 3;
    doc
      .moveTo(left, doc.y - 1)
      .lineTo(left + width, doc.y - 1)
      .strokeColor(INK.rule)
      .lineWidth(0.5)
      .stroke();
  };
  const differences = (list: ReconciliationReport['totalDifferences']) => {
    for (const d of list) {
      doc
        .font('b')
        .fontSize(9)
        .fillColor(INK.bad)
        .text(`! ${describeDifference(opts.locale, d)}`, left + 12, doc.y, { width: width - 12 });
    }
    doc.fillColor(INK.text);
  };

  row([t('approval.report.servicePoint'), t('approval.report.workstation'), ...COUNT_COLUMNS.map((c) => columnLabel(opts.locale, c))], 'b');
  for (const g of report.groups) {
    if (doc.y > doc.page.height - 90) doc.addPage();
    row(
      [g.servicePoint, g.workstationId, ...COUNT_COLUMNS.map((c) => g.counts[c])],
      g.differences.length ? 'b' : 'r',
      g.differences.length ? INK.bad : INK.text,
    );
    differences(g.differences);
  }
  row([t('approval.report.total'), '', ...COUNT_COLUMNS.map((c) => report.totals[c])], 'b');
  differences(report.totalDifferences);
  doc.moveDown(0.8);
  if (report.balanced) doc.font('b').fontSize(11).fillColor(INK.text).text(t('approval.report.balanced'), left);
  doc.end();
  return finished;
}
