import { describe, expect, it } from 'vitest';
import { inspectScanOffThread } from './inspect-off-thread';
import { DEFAULT_SNIFF_LIMITS } from './sniff';
import { scanFixtures as f } from './fixtures';
import { pngDeclaring, tiffStripBomb, tiffWithStrips } from './hostile-scans';

// Issue 12, item 6: the check runs in a worker thread with a timeout, so the core's thread keeps answering.
describe('file check off the core thread', () => {
  it('gives the same answers as the check itself, in a worker', async () => {
    await expect(inspectScanOffThread(f.png)).resolves.toEqual({ ok: true, mime: 'image/png' });
    await expect(inspectScanOffThread(f.tiff)).resolves.toEqual({ ok: true, mime: 'image/tiff' });
    await expect(inspectScanOffThread(f.pdf.subarray(0, 100))).resolves.toMatchObject({ ok: false, reason: 'corrupt' });
    await expect(inspectScanOffThread(pngDeclaring(20000, 20000))).resolves.toMatchObject({
      ok: false,
      reason: 'too_many_pixels',
      params: { megapixels: 400 },
    });
    await expect(inspectScanOffThread(tiffStripBomb())).resolves.toMatchObject({ ok: false, reason: 'too_complex' });
  });

  it('keeps the core thread free while a slow file is checked, and refuses the file once the time is up', async () => {
    // With the budgets lifted, such a TIFF keeps a worker busy for a long time.
    const unbounded = { ...DEFAULT_SNIFF_LIMITS, workBudget: Number.MAX_SAFE_INTEGER, maxTiffPages: 1e9, maxTiffStripsPerPage: 1e9 };
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    // Two thousand million strip steps: seconds even on an idle machine (200 million finished in
    // under 1.5 s on a quiet one, and the test then read an accepted file instead of a timeout).
    const result = await inspectScanOffThread(tiffWithStrips({ pages: 50_000, stripsPerPage: 40_000 }), { timeoutMs: 1500, limits: unbounded });
    clearInterval(ticker);
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    // The event loop ran all along: timers fired while the worker was busy.
    expect(ticks).toBeGreaterThan(10);
  });
});
