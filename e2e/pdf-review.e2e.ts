import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Page } from 'playwright-core';
import { actorOf } from '../services/auth/session-state';
import { loadOrCreateWorkstationConfig } from '../services/core/workstation-config';
import { openStore } from '../services/store';
import { loadOrCreateKeyFile } from '../services/store/keys';
import { openReview } from './support/approval-ui';
import { expectAccessible } from './support/browser';
import { counterPerDescribe } from './support/counter';
import { CLERK, SUPERVISOR, enrolUsers, signIn } from './support/users';
import { configureWorkstation, seedPendingApplications, type PendingApplication } from './support/pending-applications';
import { t } from './support/ui-text';

/** A scanner's 2-page PDF: each page a coloured block on white; the first also has a line of
 * text in Helvetica, a standard font pdfkit does not embed (pdf.js draws it from its bundled fonts). */
function twoPagePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, bufferPages: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const colour of ['#1a3d8f', '#8f1a1a']) {
      doc.addPage();
      doc.rect(60, 80, 400, 300).fill(colour);
    }
    doc.switchToPage(0);
    doc.font('Helvetica-Bold').fontSize(48).fillColor('black').text('AGREEMENT', 60, 460);
    doc.end();
  });
}

/** Adds the PDF to an already seeded application, as the intake screen's upload would. */
function attachPdf(dataDir: string, applicationId: string, pdf: Buffer): void {
  const config = loadOrCreateWorkstationConfig(dataDir);
  const key = loadOrCreateKeyFile(join(dataDir, 'store.key'));
  const store = openStore({ dir: dataDir, key, workstationId: config.workstationId, clock: () => new Date() });
  try {
    store.attachments.put(pdf, { applicationId, slot: 'paper.agreement', actor: actorOf(CLERK.staffNumber) });
  } finally {
    store.close();
  }
}

/** Pixels of the canvas that are not white: pdf.js really drew the page. */
async function inkedPixels(page: Page, name: string): Promise<number> {
  const canvas = page.getByRole('img', { name });
  await canvas.and(page.locator('canvas[data-drawn="true"]')).waitFor();
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! < 200 || px[i + 1]! < 200 || px[i + 2]! < 200) n++;
    return n;
  });
}

describe('a PDF scan in the supervisor’s review (issue 13 item 10)', () => {
  let pending: PendingApplication;
  const counter = counterPerDescribe(
    async (dataDir) => {
      configureWorkstation(dataDir);
      await enrolUsers(dataDir, [CLERK, SUPERVISOR]);
      [pending] = seedPendingApplications(dataDir, CLERK, [{ nameZh: '澳門掃描貿易有限公司', namePt: 'Digitalização Comércio, Limitada' }]) as [
        PendingApplication,
      ];
      attachPdf(dataDir, pending.id, await twoPagePdf());
    },
    { timeout: 15_000 },
  );

  it('draws both pages of a 2-page PDF beside the data, counted as 2 pages, with no network and no CSP violation', async () => {
    const { page, problems } = counter;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: t('approval.queue.title'), level: 1 }).waitFor();
    await openReview(page, pending);

    // The PNG application form, then the agreement's 2 PDF pages: 3 pages, not 2.
    await page.getByText(t('approval.review.page', { page: 1, pages: 3 })).waitFor();
    const next = page.getByRole('button', { name: t('approval.review.nextPage') });
    await next.click();
    const first = t('approval.review.scanPageLabel', { doc: t('receipt.doc.agreement'), page: 1 });
    expect(await inkedPixels(page, first)).toBeGreaterThan(1000);
    expect(await page.getByText(t('approval.review.notViewable', { format: 'PDF' })).count()).toBe(0);
    // The text line below the block (52–62 % down an A4 page) is drawn too: black pixels there.
    const textInk = await page.getByRole('img', { name: first }).evaluate((c: HTMLCanvasElement) => {
      const top = Math.floor(c.height * 0.52);
      const px = c.getContext('2d')!.getImageData(0, top, c.width, Math.floor(c.height * 0.1)).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! < 80 && px[i + 1]! < 80 && px[i + 2]! < 80) n++;
      return n;
    });
    expect(textInk).toBeGreaterThan(500);
    await expectAccessible(page, 'review with a PDF page');

    await next.click();
    await page.getByText(t('approval.review.page', { page: 3, pages: 3 })).waitFor();
    const second = t('approval.review.scanPageLabel', { doc: t('receipt.doc.agreement'), page: 2 });
    expect(await inkedPixels(page, second)).toBeGreaterThan(1000);
    // The second page is its own drawing (red block), not the first page again (blue block).
    const reddish = await page.getByRole('img', { name: second }).evaluate((c: HTMLCanvasElement) => {
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let red = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! > 100 && px[i + 2]! < 60) red++;
      return red;
    });
    expect(reddish).toBeGreaterThan(1000);

    // Zoom redraws the canvas larger.
    const width = async () => page.getByRole('img', { name: second }).evaluate((c: HTMLCanvasElement) => c.width);
    const before = await width();
    await page.getByRole('button', { name: t('approval.review.zoomIn') }).click();
    await expect.poll(width).toBeGreaterThan(before);
    // Zooming again while a drawing is under way ends with the last zoom drawn, not a blank or stale canvas.
    const zoomed = await width();
    await page.locator('.scan-viewer').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('+');
    await page.getByText(t('approval.review.zoomLevel', { percent: 244 })).waitFor();
    await expect.poll(width).toBeGreaterThan(zoomed * 1.5);
    expect(await inkedPixels(page, second)).toBeGreaterThan(1000);

    // Only the app's own loopback page and API: the worker is not fetched from a CDN, nor fonts or CMaps.
    expect(requests.filter((u) => !/^(https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]|data:|blob:)/.test(u))).toEqual([]);
    expect(requests.filter((u) => /pdf\.worker/.test(u))).toHaveLength(1);
    // Helvetica's glyphs came from the fonts bundled with the app (not a system or fallback font).
    expect(requests.filter((u) => /\/assets\/(Foxit|Liberation)Sans/.test(u)).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
