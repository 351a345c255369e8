// Receipt generation: warm and cold time and PDF size, each beside a bare pdfkit document
// with the same font and one line of text, measured in the same run.
// Targets (issue 6): warm p50 < 100 ms, size < 60 KB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { RECEIPT_SAMPLES } from '../domain/receipt/receipt-samples';
import { defaultReceiptFontDirectory, forgetReceiptFonts, RECEIPT_FONT_FILES } from '../services/receipts/receipt-fonts';
import { renderReceiptPdf } from '../services/receipts/render-receipt-pdf';
import { SAMPLE_WORKSTATION_KEY } from '../services/receipts/sample-signing-key';
import { measure, summarise, type BenchSuite } from './harness';

const fontPath = join(defaultReceiptFontDirectory(), RECEIPT_FONT_FILES.regular);
let cachedFont: Buffer | null = null;

function barePdf(fresh: boolean): Promise<Buffer> {
  if (fresh || !cachedFont) cachedFont = readFileSync(fontPath);
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font(cachedFont).fontSize(12).text('申請收據 Recibo do pedido');
  doc.end();
  return done;
}

const first = RECEIPT_SAMPLES.find((s) => s.name === 'first-application') ?? RECEIPT_SAMPLES[0];
if (!first) throw new Error('no receipt sample');
const receipt = (paper: 'a4' | 'thermal80') =>
  renderReceiptPdf(first.input, { signingKey: SAMPLE_WORKSTATION_KEY, paper, locales: { english: first.english } });

const suite: BenchSuite = async (report) => {
  // The very first document of the process: module, JIT and font all cold.
  let t0 = performance.now();
  await barePdf(true);
  const firstBare = performance.now() - t0;
  t0 = performance.now();
  await receipt('thermal80');
  const firstReceipt = performance.now() - t0;
  report.compare(
    'first document in a fresh process (one sample each)',
    summarise('bare pdfkit, 1 line', [firstBare]),
    summarise('receipt, first application, 80 mm', [firstReceipt]),
  );

  const opts = { iterations: 60, warmup: 10 };
  const bareWarm = await measure('bare pdfkit, 1 line (font in memory)', () => barePdf(false), opts);
  for (const paper of ['thermal80', 'a4'] as const) {
    const warm = await measure(`receipt, first application, ${paper}`, () => receipt(paper), opts);
    report.compare(`warm generation, ${paper} (target p50 < 100 ms)`, bareWarm, warm);
  }

  const coldOpts = { iterations: 20, warmup: 2 };
  const bareCold = await measure('bare pdfkit, font re-read from disk', () => barePdf(true), coldOpts);
  const receiptCold = await measure(
    'receipt 80 mm, fonts re-read from disk',
    () => {
      forgetReceiptFonts();
      return receipt('thermal80');
    },
    coldOpts,
  );
  report.compare('cold: every document loads the font files afresh', bareCold, receiptCold);

  const bareSize = (await barePdf(false)).length / 1024;
  for (const s of RECEIPT_SAMPLES) {
    for (const paper of ['thermal80', 'a4'] as const) {
      const size = (await renderReceiptPdf(s.input, { signingKey: SAMPLE_WORKSTATION_KEY, paper, locales: { english: s.english } })).length / 1024;
      report.figure(
        `PDF size, ${s.name}, ${paper} (target < 60 KB)`,
        'KB',
        { label: 'bare pdfkit, 1 line', value: bareSize },
        { label: `receipt ${s.name} ${paper}`, value: size },
      );
    }
  }
};
export default suite;
