import { crc32 } from 'node:zlib';

export const ACCEPTED_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;
export type ScanMime = (typeof ACCEPTED_MIME_TYPES)[number];

/** An A4 page at 600 dpi is about 35 megapixels; decoding 400 took Chromium from 1.0 to 2.3 GB (issue 12, item 7). */
export const MAX_MEGAPIXELS = 60;
/** A scanner's multi-page TIFF is a few dozen pages; the review's 10,000-page file stalled the core for 15–40 s (item 6). */
export const MAX_TIFF_PAGES = 200;
/** An A4 page at 600 dpi written one row per strip has about 7,000 strips. */
export const MAX_TIFF_STRIPS_PER_PAGE = 65_536;
/** Directory entries and strip entries read, over the whole file: a few tens of milliseconds of work at most. */
export const WORK_BUDGET = 2_000_000;
/** Encoders write IDAT chunks of 8–64 KB: a file cut into more pieces than this is built to be slow to check. */
export const MAX_PNG_CHUNKS = 100_000;

export type SniffRefusal = 'unsupported_type' | 'corrupt' | 'too_many_pixels' | 'too_complex';
export type SniffResult = { ok: true; mime: ScanMime } | { ok: false; reason: SniffRefusal; detail: string; params?: Record<string, number> };

export interface SniffLimits {
  maxMegapixels: number;
  maxTiffPages: number;
  maxTiffStripsPerPage: number;
  workBudget: number;
  maxPngChunks: number;
}

export const DEFAULT_SNIFF_LIMITS: SniffLimits = {
  maxMegapixels: MAX_MEGAPIXELS,
  maxTiffPages: MAX_TIFF_PAGES,
  maxTiffStripsPerPage: MAX_TIFF_STRIPS_PER_PAGE,
  workBudget: WORK_BUDGET,
  maxPngChunks: MAX_PNG_CHUNKS,
};

/**
 * The whole check in one function that uses nothing from outside itself (crc32 is passed in):
 * inspect-off-thread.ts runs its source text in a worker thread, so it must not close over
 * module-level names. Every loop is bounded by the limits, so even the in-thread call is short.
 */
export function sniffScanWith(b: Buffer, crc: (data: Buffer) => number, limits: SniffLimits): SniffResult {
  // A plain tagged object rather than a class: the source must survive any transpiler unchanged.
  type Refused = { refused: 'too_many_pixels' | 'too_complex'; detail: string; params: Record<string, number> };
  const refuse = (refused: Refused['refused'], detail: string, params: Record<string, number>): Refused => ({ refused, detail, params });
  const isRefused = (e: unknown): e is Refused => typeof e === 'object' && e !== null && 'refused' in e;
  let work = 0;
  const spend = (n: number) => {
    work += n;
    if (work > limits.workBudget) throw refuse('too_complex', `file needs more than ${limits.workBudget} steps to check`, { maxPages: limits.maxTiffPages });
  };
  const pixels = (width: number, height: number) => {
    const mp = (width * height) / 1_000_000;
    if (mp > limits.maxMegapixels) {
      throw refuse('too_many_pixels', `image is ${width}×${height} (${Math.round(mp)} megapixels)`, {
        megapixels: Math.round(mp),
        limit: limits.maxMegapixels,
      });
    }
  };
  const startsWith = (sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);
  /** Scanners and some drivers pad files with NULs or whitespace after the real end. */
  const trimTrailing = (x: Buffer): Buffer => {
    let end = x.length;
    while (end > 0 && (x[end - 1] === 0x00 || x[end - 1] === 0x0a || x[end - 1] === 0x0d || x[end - 1] === 0x20)) end--;
    return x.subarray(0, end);
  };

  const checkPdf = (): string | null => {
    const tail = trimTrailing(b).subarray(-1024).toString('latin1');
    if (!tail.endsWith('%%EOF')) return 'PDF has no %%EOF at its end (truncated?)';
    if (!b.includes('startxref', Math.max(0, b.length - 4096), 'latin1')) return 'PDF has no startxref (truncated?)';
    return null;
  };

  const checkJpeg = (): string | null => {
    const t = trimTrailing(b);
    if (t.length < 4 || t[t.length - 2] !== 0xff || t[t.length - 1] !== 0xd9) return 'JPEG does not end with EOI (truncated?)';
    // Walk the header segments up to the start of scan: a cut-off header shows here.
    let p = 2;
    while (p + 4 <= t.length) {
      spend(1);
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
      // Start of frame (any coding): precision, height, width.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && len >= 7) {
        pixels(t.readUInt16BE(p + 7), t.readUInt16BE(p + 5));
      }
      p += 2 + len;
    }
    return 'JPEG has no image data';
  };

  const checkPng = (): string | null => {
    let p = 8;
    let chunks = 0;
    while (p + 12 <= b.length) {
      if (++chunks > limits.maxPngChunks) throw refuse('too_complex', `PNG has more than ${limits.maxPngChunks} chunks`, { maxPages: limits.maxTiffPages });
      const len = b.readUInt32BE(p);
      const type = b.toString('latin1', p + 4, p + 8);
      if (chunks === 1 && type !== 'IHDR') return 'PNG does not start with IHDR';
      if (p + 12 + len > b.length) return `PNG chunk ${type} runs past the end of the file (truncated?)`;
      const stored = b.readUInt32BE(p + 8 + len);
      if (crc(b.subarray(p + 4, p + 8 + len)) !== stored) return `PNG chunk ${type} is damaged (CRC)`;
      if (type === 'IHDR' && len >= 8) pixels(b.readUInt32BE(p + 8), b.readUInt32BE(p + 12));
      p += 12 + len;
      if (type === 'IEND') return trimTrailing(b.subarray(p)).length === 0 ? null : 'PNG has data after IEND';
    }
    return 'PNG has no IEND (truncated?)';
  };

  const TIFF_TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
  const checkTiff = (): string | null => {
    const le = b[0] === 0x49;
    // Plain byte reads: the Buffer read methods' range checks made the strip walk several times slower.
    const u16 = (o: number) => (le ? (b[o] as number) | ((b[o + 1] as number) << 8) : ((b[o] as number) << 8) | (b[o + 1] as number));
    const u32 = (o: number) =>
      le
        ? ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16)) + (b[o + 3] as number) * 0x1000000
        : ((b[o + 1] as number) << 16) + ((b[o + 2] as number) << 8) + (b[o + 3] as number) + (b[o] as number) * 0x1000000;
    let ifd = u32(4);
    const seen = new Set<number>();
    let pages = 0;
    while (ifd !== 0) {
      if (seen.has(ifd)) return 'TIFF directory chain loops';
      if (pages >= limits.maxTiffPages) {
        throw refuse('too_complex', `TIFF has more than ${limits.maxTiffPages} pages`, { maxPages: limits.maxTiffPages });
      }
      seen.add(ifd);
      if (ifd + 2 > b.length) return 'TIFF directory past the end of the file (truncated?)';
      const n = u16(ifd);
      if (ifd + 2 + n * 12 + 4 > b.length) return 'TIFF directory runs past the end of the file (truncated?)';
      spend(n);
      // Where each array of interest sits; read in place below (no copies: this loop is the hot one).
      const arrays = new Map<number, { type: number; count: number; at: number }>();
      for (let i = 0; i < n; i++) {
        const e = ifd + 2 + i * 12;
        const tag = u16(e);
        const type = u16(e + 2);
        const count = u32(e + 4);
        const size = (TIFF_TYPE_SIZES[type] ?? 1) * count;
        const at = size <= 4 ? e + 8 : u32(e + 8);
        if (at + size > b.length) return `TIFF tag ${tag} points past the end of the file (truncated?)`;
        if ((type === 3 || type === 4) && [256, 257, 273, 279, 324, 325].includes(tag)) {
          if (count > limits.maxTiffStripsPerPage) {
            throw refuse('too_complex', `TIFF page has ${count} strips or tiles`, { maxPages: limits.maxTiffPages });
          }
          arrays.set(tag, { type, count, at });
        }
      }
      const value = (a: { type: number; at: number }, k: number) => (a.type === 3 ? u16(a.at + k * 2) : u32(a.at + k * 4));
      const width = arrays.get(256);
      const height = arrays.get(257);
      if (width && height && width.count > 0 && height.count > 0) pixels(value(width, 0), value(height, 0));
      const offsets = arrays.get(273) ?? arrays.get(324);
      const counts = arrays.get(279) ?? arrays.get(325);
      if (!offsets || !counts || offsets.count !== counts.count) return 'TIFF page has no image data';
      spend(offsets.count);
      for (let k = 0; k < offsets.count; k++) {
        if (value(offsets, k) + value(counts, k) > b.length) return 'TIFF image data runs past the end of the file (truncated?)';
      }
      pages++;
      ifd = u32(ifd + 2 + n * 12);
    }
    return pages > 0 ? null : 'TIFF has no pages';
  };

  let mime: ScanMime | undefined;
  let check: () => string | null = () => null;
  if (startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])) [mime, check] = ['application/pdf', checkPdf];
  else if (startsWith([0xff, 0xd8, 0xff])) [mime, check] = ['image/jpeg', checkJpeg];
  else if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) [mime, check] = ['image/png', checkPng];
  else if (startsWith([0x49, 0x49, 0x2a, 0x00]) || startsWith([0x4d, 0x4d, 0x00, 0x2a])) [mime, check] = ['image/tiff', checkTiff];
  if (!mime) return { ok: false, reason: 'unsupported_type', detail: 'not a PDF, JPEG, PNG or TIFF' };
  let problem: string | null;
  try {
    problem = check();
  } catch (e) {
    if (isRefused(e)) return { ok: false, reason: e.refused, detail: e.detail, params: e.params };
    problem = `${mime} is malformed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return problem === null ? { ok: true, mime } : { ok: false, reason: 'corrupt', detail: problem };
}

/**
 * Decide what a scan is from its bytes (never its name), check its structure far enough to
 * refuse a file cut short by an interrupted scan or copy, and refuse files built to be slow to
 * check or huge to decode. Bounded work: safe on the core's thread too.
 */
export function sniffScan(b: Buffer, limits: SniffLimits = DEFAULT_SNIFF_LIMITS): SniffResult {
  return sniffScanWith(b, crc32, limits);
}
