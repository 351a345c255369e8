import { describe, expect, it } from 'vitest';
import { scanFixtures } from '../store/attachments/fixtures';
import { countPdfPages, MAX_PDF_PAGES } from './pdf-page-count';
import { pdfOfPages as pdfOf } from './pdf-test-files';

describe('PDF page count (issue 13 item 10)', () => {
  it.each([1, 2, 3, 17])('a %i-page PDF counts %i pages', async (n) => {
    expect(countPdfPages(await pdfOf(n))).toBe(n);
  });

  it('the scan fixture is counted, not assumed to be one page', async () => {
    const pdftk = scanFixtures.pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
    expect(countPdfPages(scanFixtures.pdf)).toBe(Math.max(1, pdftk));
  });

  it('a nested page tree counts the root’s total, with /Count before or after /Type', () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
        '2 0 obj << /Count 5 /Kids [3 0 R 4 0 R] /Type /Pages >> endobj\n' +
        '3 0 obj << /Type /Pages /Parent 2 0 R /Count 2 /Kids [] >> endobj\n' +
        '4 0 obj << /Type /Pages /Parent 2 0 R /Count 3 /Kids [] >> endobj\n%%EOF',
      'latin1',
    );
    expect(countPdfPages(pdf)).toBe(5);
  });

  it('bounded: nonsense counts one page, an absurd /Count is capped', () => {
    expect(countPdfPages(Buffer.from('%PDF-1.7 garbage %%EOF'))).toBe(1);
    expect(countPdfPages(Buffer.alloc(0))).toBe(1);
    expect(countPdfPages(Buffer.from('%PDF-1.4 << /Type /Pages /Count 9999999 >> %%EOF'))).toBe(MAX_PDF_PAGES);
  });
});
