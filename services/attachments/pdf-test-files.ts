import PDFDocument from 'pdfkit';

/** A real PDF of n pages as pdfkit writes it (the page tree in the clear, as scanners do). For tests. */
export function pdfOfPages(pages: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    for (let i = 0; i < pages; i++) doc.addPage().text(`page ${i + 1}`);
    doc.end();
  });
}
