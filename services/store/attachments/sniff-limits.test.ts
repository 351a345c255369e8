import { describe, expect, it } from 'vitest';
import { MAX_MEGAPIXELS, MAX_TIFF_PAGES, sniffScan } from './sniff';
import { jpegDeclaring, pngDeclaring, tiffStripBomb, tiffWithStrips } from './hostile-scans';

// Issue 12, items 6 and 7: files that are valid but built to stall the check or the viewer.
describe('file check budgets and pixel limit', () => {
  it('refuses the TIFF that walked 400 million strip entries, as too complex to check', () => {
    const bomb = tiffStripBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(sniffScan(bomb)).toMatchObject({ ok: false, reason: 'too_complex', params: { maxPages: MAX_TIFF_PAGES } });
  });

  it('refuses a TIFF with more pages than the limit, and one page with more strips than any scanner writes', () => {
    expect(sniffScan(tiffWithStrips({ pages: MAX_TIFF_PAGES + 1, stripsPerPage: 1 }))).toMatchObject({ ok: false, reason: 'too_complex' });
    expect(sniffScan(tiffWithStrips({ pages: 1, stripsPerPage: 200_000 }))).toMatchObject({ ok: false, reason: 'too_complex' });
  });

  it('still accepts a multi-page A4 TIFF at 600 dpi written one row per strip', () => {
    expect(sniffScan(tiffWithStrips({ pages: 20, stripsPerPage: 7016, width: 4960, height: 7016 }))).toEqual({ ok: true, mime: 'image/tiff' });
  });

  it.each([
    ['PNG 20000×20000', pngDeclaring(20000, 20000), 400],
    ['JPEG 65000×65000', jpegDeclaring(65000, 65000), 4225],
    ['TIFF page 20000×20000', tiffWithStrips({ pages: 1, stripsPerPage: 1, width: 20000, height: 20000 }), 400],
    ['PNG 4 billion pixels wide, 1 high', pngDeclaring(2 ** 31 - 1, 1), 2147],
  ])('refuses a %s pixel bomb with its size in megapixels', (_l, bytes, mp) => {
    expect(sniffScan(bytes)).toEqual({
      ok: false,
      reason: 'too_many_pixels',
      detail: expect.stringContaining('megapixels') as unknown,
      params: { megapixels: mp, limit: MAX_MEGAPIXELS },
    });
  });

  it.each([
    ['PNG of an A4 page at 600 dpi', pngDeclaring(4960, 7016)],
    ['JPEG of an A4 page at 600 dpi', jpegDeclaring(4960, 7016)],
  ])('accepts a %s (35 megapixels)', (_l, bytes) => {
    expect(sniffScan(bytes)).toMatchObject({ ok: true });
  });

  it('refuses a PNG cut into more chunks than the check walks', () => {
    expect(sniffScan(pngDeclaring(100, 100, 300_000))).toMatchObject({ ok: false, reason: 'too_complex' });
  });
});
