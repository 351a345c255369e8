import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONDITIONS, qrMatrix, renderFrame, samplePayload, type Frame } from '../bench/qr-corpus';
import { startApp, newDataDir, type AppProcess } from './support/app-process';
import { launchBrowser, watchPageErrors } from './support/browser';
import { t } from './support/ui-text';
import { CLERK, enrolUsers, signIn } from './support/users';

// Issue 16: the camera's QR decoder as the counter runs it — html5-qrcode's BarcodeDetector path
// fed by our worker (ZXing-C++ with a sharpened and an enlarged second look), its WebAssembly
// loaded from the app under the app's CSP. The frames are the benchmark's hardest condition at
// 3 px per module (blur, noise, a turn and glare together), which plain ZXing reads 0 of 12.

const pngDataUrl = (f: Frame): string => {
  const png = new PNG({ width: f.width, height: f.height });
  png.data = Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength);
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
};

/** What the installed BarcodeDetector finds in an image, how long it took, and how long the page's own timer stalled meanwhile. */
async function detectInPage(page: Page, src: string): Promise<{ found: string[]; tookMs: number; longestStallMs: number }> {
  return page.evaluate(async (url) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    canvas.getContext('2d', { willReadFrequently: true })!.drawImage(img, 0, 0);
    const Detector = (globalThis as unknown as { BarcodeDetector: new (o: object) => { detect(c: HTMLCanvasElement): Promise<{ rawValue: string }[]> } })
      .BarcodeDetector;
    const start = performance.now();
    let last = start;
    let longest = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    try {
      const found = await new Detector({ formats: ['qr_code'] }).detect(canvas);
      return { found: found.map((d) => d.rawValue), tookMs: performance.now() - start, longestStallMs: longest };
    } finally {
      clearInterval(tick);
    }
  }, src);
}

describe('the camera QR decoder in the browser', () => {
  let app: AppProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[];
  const dataDir = newDataDir();

  beforeAll(async () => {
    await enrolUsers(dataDir, [CLERK]);
    app = await startApp(dataDir);
    browser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    page = await browser.newPage();
    problems = watchPageErrors(page);
    await page.goto(app.url);
    await signIn(page, CLERK);
    // The camera opens on the security-code screen, which is when the decoder is installed.
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { name: t('scui.sc.title'), level: 1 }).waitFor();
    await page.getByRole('button', { name: t('scui.scan.camera') }).click();
    await page.waitForFunction(() => {
      const video = document.querySelector('video');
      return 'BarcodeDetector' in globalThis && video !== null && video.readyState >= 2 && !video.paused;
    });
    // Closed again so the camera's own frames do not compete with the frames under test (the
    // detector skips a frame offered while it is busy); the detector stays installed.
    await page.getByRole('button', { name: t('scui.scan.cameraClose') }).click();
    // The camera's last frame may still be decoding: the first frame under test would be skipped.
    // A clean code read back says the detector is idle (no camera frames come any more).
    const text = samplePayload(98);
    const clean = pngDataUrl(renderFrame(qrMatrix(text), 4, { name: 'clean' }, 98));
    for (let tries = 0; (await detectInPage(page, clean)).found[0] !== text; tries++) {
      if (tries > 100) throw new Error('the detector never read a clean code after the camera closed');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('reads blurred, noisy, turned codes under glare at 3 px per module', async () => {
    const cond = CONDITIONS.find((c) => c.blurPx && c.glare && c.rotationDeg)!;
    let read = 0;
    const frames = 6;
    for (let f = 0; f < frames; f++) {
      const seed = 3 * 1000 + f * 7 + cond.name.length;
      const text = samplePayload(seed);
      const { found } = await detectInPage(page, pngDataUrl(renderFrame(qrMatrix(text), 3, cond, seed)));
      if (found[0] === text) read++;
    }
    expect(read).toBe(frames);
    expect(problems).toEqual([]);
  });

  it('finds nothing in a frame without a code, off the page thread; a huge frame does not stop the next read', async () => {
    // A 1280×720 frame of noise pays for all three looks: the slowest frame there is.
    const noise = renderFrame({ size: 1, version: 1, dark: () => false }, 1, { name: 'noise', noiseSigma: 40 }, 7);
    const wide = { width: 1280, height: 720, data: new Uint8ClampedArray(1280 * 720 * 4) };
    for (let i = 0; i < wide.data.length; i++) wide.data[i] = noise.data[i % noise.data.length]!;
    const r = await detectInPage(page, pngDataUrl(wide));
    expect(r.found).toEqual([]);
    // The page's 5 ms timer kept ticking while the worker decoded: its longest gap is a small
    // part of the decode (reading the pixels out of the canvas is all the page thread does).
    expect(r.longestStallMs).toBeLessThan(r.tookMs / 2);
    // 3000×2000, beyond what a webcam sends: scaled down before it leaves the page, nothing found.
    const huge = { width: 3000, height: 2000, data: new Uint8ClampedArray(3000 * 2000 * 4).fill(200) };
    expect((await detectInPage(page, pngDataUrl(huge))).found).toEqual([]);
    const text = samplePayload(99);
    expect((await detectInPage(page, pngDataUrl(renderFrame(qrMatrix(text), 4, { name: 'clean' }, 99)))).found).toEqual([text]);
    expect(problems).toEqual([]);
  });
});
