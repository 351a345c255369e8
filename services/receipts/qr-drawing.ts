import QRCode from 'qrcode';

// The QR is drawn as vector squares, not an image: sharp at any printer resolution and
// a few hundred bytes in the PDF.

export interface QrMatrix {
  size: number;
  version: number;
  dark(row: number, col: number): boolean;
}

/** Error correction M (15 %): survives a crease or a smudge on thermal paper. */
export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, version: qr.version, dark: (r, c) => qr.modules.get(r, c) === 1 };
}

export interface RectSink {
  rect(x: number, y: number, w: number, h: number): unknown;
}

/** Adds one rectangle per horizontal run of dark modules; the caller fills them in one go. */
export function addQrRects(sink: RectSink, matrix: QrMatrix, x: number, y: number, side: number): void {
  const m = side / matrix.size;
  for (let r = 0; r < matrix.size; r++) {
    let c = 0;
    while (c < matrix.size) {
      if (!matrix.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < matrix.size && matrix.dark(r, c)) c++;
      sink.rect(x + start * m, y + r * m, (c - start) * m, m);
    }
  }
}
