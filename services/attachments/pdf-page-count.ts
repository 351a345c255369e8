// How many pages a scanned PDF holds (issue 13 item 10): a multi-page scan counted as one page
// misstated the intake, the review and the receipt. Counted here in the core from the stored
// bytes, never taken from the renderer. Pure and bounded: no PDF library, a fixed amount of
// text read, a count capped, and a file it cannot read counts as one page (as before).

/** Bytes read: the page tree of a scanner's PDF is written in the clear, normally near the end or start. */
export const PDF_SCAN_LIMIT = 64 * 1024 * 1024;
/** More pages than this is not a scan of one document: shown as this many, never more. */
export const MAX_PDF_PAGES = 999;

/**
 * The page count of a PDF: the largest `/Count` of a `/Type /Pages` node (the root of the page
 * tree holds the total), else the number of `/Type /Page` leaves in the clear, else 1 (a page
 * tree inside a compressed object stream is not looked into).
 */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PDF_SCAN_LIMIT)).toString('latin1');
  let most = 0;
  // Each page tree node's object (from its 'obj' to its 'endobj', within 4 KB either side of
  // /Type /Pages): its /Count. Linear in the bytes read, whatever the file holds.
  for (const m of text.matchAll(/\/Type\s*\/Pages\b/g)) {
    const at = m.index;
    const start = Math.max(at - 4096, text.lastIndexOf('obj', at));
    const endobj = text.indexOf('endobj', at);
    const end = Math.min(at + 4096, endobj === -1 ? text.length : endobj);
    const count = /\/Count\s+(\d{1,7})\b/.exec(text.slice(Math.max(0, start), end));
    if (count) most = Math.max(most, Number(count[1]));
  }
  if (most === 0) {
    for (const _ of text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)) {
      most++;
      if (most >= MAX_PDF_PAGES) break;
    }
  }
  return Math.min(MAX_PDF_PAGES, Math.max(1, most));
}
