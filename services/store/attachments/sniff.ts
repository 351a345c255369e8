import { crc32 } from 'node:zlib';

export const ACCEPTED_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;
export type ScanMime = (typeof ACCEPTED_MIME_TYPES)[number];

export type SniffResult = { ok: true; mime: ScanMime } | { ok: false; reason: 'unsupported_type' | 'corrupt'; detail: string };

const startsWith = (b: Buffer, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** Scanners and some drivers pad files with NULs or whitespace after the real end. */
function trimTrailing(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0x00 || b[end - 1] === 0x0a || b[end - 1] === 0x0d || b[end - 1] === 0x20)) end--;
  return b.subarray(0, end);
}

function checkPdf(b: Buffer): string | null {
  const tail = trimTrailing(b).subarray(-1024).toString('latin1');
  if (!tail.endsWith('%%EOF')) return 'PDF has no %%EOF at its end (truncated?)';
  if (!b.includes('startxref', Math.max(0, b.length - 4096), 'latin1')) return 'PDF has no startxref (truncated?)';
  return null;
}

function checkJpeg(b: Buffer): string | null {
  const t = trimTrailing(b);
  if (t.length < 4 || t[t.length - 2] !== 0xff || t[t.length - 1] !== 0xd9) return 'JPEG does not end with EOI (truncated?)';
  // Walk the header segments up to the start of scan: a cut-off header shows here.
  let p = 2;
  while (p + 4 <= t.length) {
    if (t[p] !== 0xff) return `JPEG segment marker expected at ${p}`;
    const marker = t[p + 1] as number;
    if (marker === 0xff) {
      p++;
      continue;
    }
    if (marker === 0xda) return null; // start of scan: entropy-coded data follows up to EOI
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      p += 2;
      continue;
    }
    const len = t.readUInt16BE(p + 2);
    if (len < 2 || p + 2 + len > t.length) return 'JPEG segment runs past the end of the file';
    p += 2 + len;
  }
  return 'JPEG has no image data';
}

function checkPng(b: Buffer): string | null {
  let p = 8;
  let first = true;
  while (p + 12 <= b.length) {
    const len = b.readUInt32BE(p);
    const type = b.toString('latin1', p + 4, p + 8);
    if (first && type !== 'IHDR') return 'PNG does not start with IHDR';
    first = false;
    if (p + 12 + len > b.length) return `PNG chunk ${type} runs past the end of the file (truncated?)`;
    const crc = b.readUInt32BE(p + 8 + len);
    if (crc32(b.subarray(p + 4, p + 8 + len)) !== crc) return `PNG chunk ${type} is damaged (CRC)`;
    p += 12 + len;
    if (type === 'IEND') return trimTrailing(b.subarray(p)).length === 0 ? null : 'PNG has data after IEND';
  }
  return 'PNG has no IEND (truncated?)';
}

const TIFF_TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

function checkTiff(b: Buffer): string | null {
  const le = b[0] === 0x49;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  let ifd = u32(4);
  const seen = new Set<number>();
  let pages = 0;
  while (ifd !== 0) {
    if (seen.has(ifd) || pages > 10_000) return 'TIFF directory chain loops';
    seen.add(ifd);
    if (ifd + 2 > b.length) return 'TIFF directory past the end of the file (truncated?)';
    const n = u16(ifd);
    if (ifd + 2 + n * 12 + 4 > b.length) return 'TIFF directory runs past the end of the file (truncated?)';
    const values = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      const tag = u16(e);
      const type = u16(e + 2);
      const count = u32(e + 4);
      const size = (TIFF_TYPE_SIZES[type] ?? 1) * count;
      const at = size <= 4 ? e + 8 : u32(e + 8);
      if (at + size > b.length) return `TIFF tag ${tag} points past the end of the file (truncated?)`;
      if ((type === 3 || type === 4) && [273, 279, 324, 325].includes(tag)) {
        const vs: number[] = [];
        for (let k = 0; k < count; k++) vs.push(type === 3 ? u16(at + k * 2) : u32(at + k * 4));
        values.set(tag, vs);
      }
    }
    const offsets = values.get(273) ?? values.get(324);
    const counts = values.get(279) ?? values.get(325);
    if (!offsets || !counts || offsets.length !== counts.length) return 'TIFF page has no image data';
    for (let k = 0; k < offsets.length; k++) {
      if ((offsets[k] as number) + (counts[k] as number) > b.length) return 'TIFF image data runs past the end of the file (truncated?)';
    }
    pages++;
    ifd = u32(ifd + 2 + n * 12);
  }
  return pages > 0 ? null : 'TIFF has no pages';
}

/**
 * Decide what a scan is from its bytes (never its name) and check its structure far enough
 * to refuse a file cut short by an interrupted scan or copy.
 */
export function sniffScan(b: Buffer): SniffResult {
  let mime: ScanMime | undefined;
  let check: (b: Buffer) => string | null = () => null;
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) [mime, check] = ['application/pdf', checkPdf];
  else if (startsWith(b, [0xff, 0xd8, 0xff])) [mime, check] = ['image/jpeg', checkJpeg];
  else if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) [mime, check] = ['image/png', checkPng];
  else if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) [mime, check] = ['image/tiff', checkTiff];
  if (!mime) return { ok: false, reason: 'unsupported_type', detail: 'not a PDF, JPEG, PNG or TIFF' };
  let problem: string | null;
  try {
    problem = check(b);
  } catch (e) {
    problem = `${mime} is malformed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return problem === null ? { ok: true, mime } : { ok: false, reason: 'corrupt', detail: problem };
}
