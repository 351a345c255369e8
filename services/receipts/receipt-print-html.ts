import { buildReceiptContent, type ReceiptBlock, type ReceiptLine } from '../../domain/receipt/receipt-content';
import type { PaperSize, ReceiptInput, ReceiptLocales } from '../../domain/receipt/receipt-input';
import { addQrRects, qrMatrix } from './qr-drawing';
import { RECEIPT_FONT_FILES } from './receipt-fonts';

// The print view Electron prints silently: the same content as the PDF (built by
// domain/receipt/receipt-content), as one self-contained HTML page. Why not print the PDF:
// Electron shows PDFs through Chromium's PDF-viewer extension, which `webContents.print()`
// cannot print (electron/electron#27383, #30947: blank page). HTML prints natively.
//
// No script, no remote resources: the page is loaded into a sandboxed window with
// JavaScript disabled; fonts are the app's own files, referenced relative to the
// `baseURLForDataURL` the printer passes (resources/fonts).

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function lines(ls: ReceiptLine[], cls = ''): string {
  return ls.map((l) => `<div class="${l.tone}${cls ? ` ${cls}` : ''}">${esc(l.text)}</div>`).join('');
}

/** The QR as an SVG path: crisp on any printer, and the same modules as the PDF's. */
export function qrSvg(token: string, sidePx: number): string {
  const m = qrMatrix(token);
  // Four modules of quiet zone: scanners need it.
  const quiet = 4;
  const total = m.size + 2 * quiet;
  const parts: string[] = [];
  addQrRects({ rect: (x, y, w, h) => parts.push(`M${x + quiet} ${y + quiet}h${w}v${h}h${-w}z`) }, m, 0, 0, m.size);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="QR" width="${sidePx}" height="${sidePx}" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges"><rect width="${total}" height="${total}" fill="#fff"/><path d="${parts.join('')}" fill="#000"/></svg>`;
}

function block(b: ReceiptBlock, token: string, paper: PaperSize): string {
  switch (b.type) {
    case 'header':
      return `<header>${lines(b.lines)}</header>`;
    case 'title':
      return `<h1>${lines(b.lines)}</h1>`;
    case 'reprint':
      return `<div class="reprint">${lines(b.lines)}</div>`;
    case 'applicationNumber':
      return `<div class="number"><div class="label">${lines(b.label)}</div><div class="value">${esc(b.number)}</div></div>`;
    case 'field':
      return `<div class="field"><div class="label">${lines(b.label)}</div><div class="value">${lines(b.value)}</div></div>`;
    case 'documents':
      return `<div class="field"><div class="label">${lines(b.label)}</div><ol class="value">${b.items
        .map((i) => `<li>${lines(i.title)}${lines(i.details, 'detail')}</li>`)
        .join('')}</ol></div>`;
    case 'paragraphs':
      return `<div class="field"><div class="label">${lines(b.label)}</div><div class="value">${b.paragraphs.map((p) => `<p class="${p.tone}">${esc(p.text)}</p>`).join('')}</div></div>`;
    case 'qr':
      return `<figure class="qr">${qrSvg(token, paper === 'a4' ? 170 : 190)}<figcaption>${lines(b.caption)}</figcaption></figure>`;
  }
}

/**
 * CSS page size the printer driver is asked for. `size` takes one length (a square page)
 * or two, never a length and `auto`: `80mm auto` was invalid and Chromium dropped the whole
 * rule, printing the roll on the driver's default paper. A roll has no page length, so the
 * roll is given A4's length (297 mm): a longer receipt continues on the next "page", which
 * on continuous thermal paper follows on without a gap (the driver cuts at the job's end).
 */
export function printPageCss(paper: PaperSize): string {
  return paper === 'a4' ? '@page { size: A4; margin: 13mm; }' : '@page { size: 80mm 297mm; margin: 3mm; }';
}

export function renderReceiptHtml(input: ReceiptInput, token: string, options: { paper: PaperSize; locales?: ReceiptLocales }): string {
  const content = buildReceiptContent(input, options.locales ?? { english: false });
  const body = content.blocks.map((b) => block(b, token, options.paper)).join('\n');
  const narrow = options.paper !== 'a4';
  return `<!doctype html>
<html lang="zh-Hant-MO"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src file:; img-src data:">
<title>${esc(input.applicationNumber)}</title>
<style>
@font-face { font-family: "Noto Sans TC"; src: url("${RECEIPT_FONT_FILES.regular}"); font-weight: 400; }
@font-face { font-family: "Noto Sans TC"; src: url("${RECEIPT_FONT_FILES.bold}"); font-weight: 700; }
${printPageCss(options.paper)}
body { font-family: "Noto Sans TC", sans-serif; font-size: ${narrow ? '9pt' : '10pt'}; color: #000; margin: 0; }
h1 { font-size: ${narrow ? '13pt' : '16pt'}; margin: 4pt 0; }
.secondary { color: #333; font-size: 0.9em; }
.reprint { border: 2pt solid #000; padding: 2pt 4pt; font-weight: 700; margin: 4pt 0; }
.number .value { font-size: ${narrow ? '16pt' : '22pt'}; font-weight: 700; letter-spacing: 0.05em; }
.field { display: ${narrow ? 'block' : 'grid'}; grid-template-columns: 54mm 1fr; gap: 4mm; margin: 3pt 0; break-inside: avoid; }
.label { font-weight: 700; }
ol { margin: 0; padding-left: 1.2em; }
p { margin: 0 0 2pt; }
.qr { margin: 6pt 0 0; text-align: center; break-inside: avoid; }
</style></head>
<body>
${body}
</body></html>`;
}
