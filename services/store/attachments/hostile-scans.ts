import { crc32 } from 'node:zlib';
import { scanFixtures } from './fixtures';

/**
 * Files built to hurt the file check or the viewer (issue 12, items 6 and 7), for tests.
 * Each one is structurally valid, so only the budgets and the pixel limit refuse it.
 */

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A small PNG whose header declares width × height (the 389 KB 20000×20000 file of the review). */
export function pngDeclaring(width: number, height: number, idatChunks = 1): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no interlace
  const idat = Array.from({ length: idatChunks }, () => pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), ...idat, pngChunk('IEND', Buffer.alloc(0))]);
}

/** The real JPEG fixture with its frame header (SOF) rewritten to declare width × height. */
export function jpegDeclaring(width: number, height: number): Buffer {
  const b = Buffer.from(scanFixtures.jpeg);
  let p = 2;
  while (p + 4 <= b.length) {
    const marker = b[p + 1] as number;
    const len = b.readUInt16BE(p + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      b.writeUInt16BE(height, p + 5);
      b.writeUInt16BE(width, p + 7);
      return b;
    }
    p += 2 + len;
  }
  throw new Error('fixture JPEG has no SOF');
}

/** Little-endian TIFF with one IFD per page; every page's strips point into one shared table. */
export function tiffWithStrips(opts: { pages: number; stripsPerPage: number; width?: number; height?: number }): Buffer {
  const { pages, stripsPerPage } = opts;
  const tables = 8;
  const offsetsAt = tables; // SHORT offsets, all 0 (inside the header: in the file)
  const countsAt = offsetsAt + stripsPerPage * 2; // SHORT counts, all 1
  const ifdStart = countsAt + stripsPerPage * 2;
  const entries = 4;
  const ifdSize = 2 + entries * 12 + 4;
  const b = Buffer.alloc(ifdStart + pages * ifdSize);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(ifdStart, 4);
  for (let k = 0; k < stripsPerPage; k++) b.writeUInt16LE(1, countsAt + k * 2);
  for (let i = 0; i < pages; i++) {
    const at = ifdStart + i * ifdSize;
    b.writeUInt16LE(entries, at);
    const entry = (n: number, tag: number, type: number, count: number, value: number) => {
      const e = at + 2 + n * 12;
      b.writeUInt16LE(tag, e);
      b.writeUInt16LE(type, e + 2);
      b.writeUInt32LE(count, e + 4);
      b.writeUInt32LE(value, e + 8);
    };
    entry(0, 256, 4, 1, opts.width ?? 2480);
    entry(1, 257, 4, 1, opts.height ?? 3508);
    entry(2, 273, 3, stripsPerPage, offsetsAt);
    entry(3, 279, 3, stripsPerPage, countsAt);
    b.writeUInt32LE(i + 1 < pages ? at + ifdSize : 0, at + 2 + entries * 12);
  }
  return b;
}

/** About 0.7 MB: 10,000 pages of 20,000 strips each, i.e. 400 million strip entries to walk. */
export const tiffStripBomb = (): Buffer => tiffWithStrips({ pages: 10_000, stripsPerPage: 20_000 });
