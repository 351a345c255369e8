import PDFDocument from 'pdfkit';
import { translate, type Locale, type MessageKey } from '../../i18n';
import type { ReconciliationReport } from '../../domain/reconciliation';
import { formatDay, formatMacauDateTimeIn } from '../../domain/display-date';
import { INTL_LOCALE } from '../../domain/locale-tags';
import { loadReceiptFonts } from '../receipts/receipt-fonts';
import { COUNT_COLUMNS, columnLabel, describeDifference } from './day-end-csv';
import type { DayEndApplication } from './day-end-data';

export interface DayEndPdfOptions {
  locale: Locale;
  day: string;
  generatedAt: Date;
  /** The day's applications, listed after the figures (issue 13 item 18); omitted: no list. */
  applications?: readonly DayEndApplication[];
  fontDirectory?: string;
  /** The audit chain's head at generation, signed (audit-head.ts): printed under the sign-off. */
  auditLines?: readonly string[];
}

const INK = { text: '#000000', muted: '#444444', bad: '#a4161a', rule: '#888888' } as const;
const MARGIN = 36;
/** Room kept at the foot of each page for the page number. */
const FOOT = 24;

/**
 * A4 landscape: one row per workstation and service point, a total row, and each failing
 * equation spelled out under its row in red with a "!" mark (so it still stands out on a
 * black-and-white printer); then the day's applications, their header repeated on each new
 * page, and the clerk's and the supervisor's sign-off lines, kept together on one page.
 */
export async function renderDayEndPdf(report: ReconciliationReport, opts: DayEndPdfOptions): Promise<Buffer> {
  const fonts = loadReceiptFonts(opts.fontDirectory);
  const t = (k: MessageKey, p?: Parameters<typeof translate>[2]) => translate(opts.locale, k, p);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    compress: true,
    bufferPages: true,
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

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOT;
  doc.font('b').fontSize(16).fillColor(INK.text).text(t('approval.report.title'), left, MARGIN);
  doc
    .font('r')
    .fontSize(10)
    .fillColor(INK.muted)
    .text(
      `${t('approval.report.day', { day: formatDay(opts.locale, opts.day) })}    ${t('approval.report.generatedAt', { at: formatMacauDateTimeIn(opts.locale, opts.generatedAt) })}`,
    );
  doc.moveDown(0.8);

  /** A table row over columns given as fractions of the width; breaks the page first when it would not fit. */
  const row = (fractions: readonly number[], cells: readonly (string | number)[], font: 'r' | 'b', color: string, onNewPage?: () => void) => {
    doc.font(font).fontSize(9);
    const xs = fractions.map((_, i) => left + width * fractions.slice(0, i).reduce((a, b) => a + b, 0));
    const ws = fractions.map((f) => width * f - 4);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(String(c), { width: ws[i]! })));
    if (doc.y + h + 3 > bottom()) {
      doc.addPage();
      onNewPage?.();
      doc.font(font).fontSize(9);
    }
    const y = doc.y;
    doc.fillColor(color);
    cells.forEach((c, i) => doc.text(String(c), xs[i]!, y, { width: ws[i]!, align: typeof c === 'number' ? 'right' : 'left' }));
    doc.y = y + h + 3;
    doc
      .moveTo(left, doc.y - 1)
      .lineTo(left + width, doc.y - 1)
      .strokeColor(INK.rule)
      .lineWidth(0.5)
      .stroke();
    doc.fillColor(INK.text);
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

  const countW = (1 - 0.18) / COUNT_COLUMNS.length;
  const countCols = [0.09, 0.09, ...COUNT_COLUMNS.map(() => countW)];
  const countHeader = () =>
    row(
      countCols,
      [t('approval.report.servicePoint'), t('approval.report.workstation'), ...COUNT_COLUMNS.map((c) => columnLabel(opts.locale, c))],
      'b',
      INK.text,
    );
  countHeader();
  for (const g of report.groups) {
    const bad = g.differences.length > 0;
    row(countCols, [g.servicePoint, g.workstationId, ...COUNT_COLUMNS.map((c) => g.counts[c])], bad ? 'b' : 'r', bad ? INK.bad : INK.text, countHeader);
    differences(g.differences);
  }
  row(countCols, [t('approval.report.total'), '', ...COUNT_COLUMNS.map((c) => report.totals[c])], 'b', INK.text, countHeader);
  differences(report.totalDifferences);
  doc.moveDown(0.8);
  if (report.balanced) doc.font('b').fontSize(11).fillColor(INK.text).text(t('approval.report.balanced'), left);

  if (opts.applications) applicationList(opts.applications);
  signOff();
  if (opts.auditLines && opts.auditLines.length > 0) {
    doc.moveDown(0.5);
    for (const line of opts.auditLines) doc.font('r').fontSize(7).fillColor(INK.muted).text(line, left, doc.y, { width });
    doc.fillColor(INK.text);
  }

  // Page numbers last, once the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Written inside the bottom margin: without this PDFKit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc
      .font('r')
      .fontSize(8)
      .fillColor(INK.muted)
      .text(t('dayEnd.page', { page: i + 1, pages: range.count }), left, doc.page.height - MARGIN - 10, { width, align: 'right', lineBreak: false });
  }
  doc.end();
  return finished;

  function applicationList(apps: readonly DayEndApplication[]) {
    const cols = [0.04, 0.15, 0.13, 0.3, 0.1, 0.14, 0.14];
    const title = (continued: boolean) => {
      doc
        .font('b')
        .fontSize(12)
        .fillColor(INK.text)
        .text(`${t('dayEnd.apps.title', { count: apps.length })}${continued ? ` ${t('dayEnd.apps.continued')}` : ''}`, left, doc.y);
      doc.moveDown(0.3);
      if (apps.length)
        row(
          cols,
          [
            '#',
            t('dayEnd.apps.number'),
            t('dayEnd.apps.kind'),
            t('dayEnd.apps.entity'),
            t('dayEnd.apps.status'),
            t('dayEnd.apps.takenInBy'),
            t('dayEnd.apps.decidedBy'),
          ],
          'b',
          INK.text,
        );
    };
    doc.moveDown(1);
    // The title and header with at least one row, never alone at the foot of a page.
    if (doc.y + 60 > bottom()) doc.addPage();
    title(false);
    if (!apps.length) {
      doc.font('r').fontSize(9).text(t('dayEnd.apps.none'), left);
      return;
    }
    apps.forEach((a, i) =>
      row(
        cols,
        [
          String(i + 1),
          a.applicationNumber ?? t('dayEnd.apps.noNumber'),
          t(`kind.${a.kind}`),
          a.entityName,
          t(`status.app.${a.status}`),
          a.takenInBy,
          a.decidedBy ?? '—',
        ],
        'r',
        INK.text,
        () => title(true),
      ),
    );
  }

  function signOff() {
    const blockHeight = 110;
    doc.moveDown(1.5);
    if (doc.y + blockHeight > bottom()) doc.addPage();
    doc.font('b').fontSize(12).fillColor(INK.text).text(t('dayEnd.signOff.title'), left, doc.y);
    doc.moveDown(0.8);
    const top = doc.y;
    const colW = (width - 36) / 2;
    [t('dayEnd.signOff.clerk'), t('dayEnd.signOff.supervisor')].forEach((who, i) => {
      const x = left + i * (colW + 36);
      doc.font('b').fontSize(10).text(who, x, top, { width: colW });
      [t('dayEnd.signOff.name'), t('dayEnd.signOff.signature'), t('dayEnd.signOff.date')].forEach((label, j) => {
        const y = top + 26 + j * 26;
        doc.font('r').fontSize(9).text(`${label}:`, x, y, { width: 70, lineBreak: false });
        doc
          .moveTo(x + 72, y + 10)
          .lineTo(x + colW, y + 10)
          .strokeColor(INK.text)
          .lineWidth(0.7)
          .stroke();
      });
    });
    doc.y = top + blockHeight - 20;
  }
}
