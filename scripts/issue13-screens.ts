// Before/after screenshots for issue 13's note (items 4, 10, 13, 17), not committed images.
//
//   npx tsx scripts/issue13-screens.ts <out-dir>
//
// Runs the app of the tree this file sits in (harness, core, the renderer in
// COUNTERDESK_RENDERER_DIR) with the same seeded data and the same steps, so the same file
// copied into an old tree (`git archive <old> | tar -x -C /tmp/old-tree`, node_modules linked)
// takes the "before" pictures and here the "after" ones. Only the e2e helpers both trees have
// are used, and each picture is taken on its own: a step the old screens lack is logged, not fatal.
// Writes <out-dir>/*.png and <out-dir>/layout.json (sideways overflow per screen at 1366×768).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { translate, type Locale, type MessageKey } from '../i18n';
import { actorOf } from '../services/auth/session-state';
import { loadOrCreateWorkstationConfig } from '../services/core/workstation-config';
import { openStore } from '../services/store';
import { loadOrCreateKeyFile } from '../services/store/keys';
import { startApp, newDataDir } from '../e2e/support/app-process';
import { callFromPage, launchBrowser } from '../e2e/support/browser';
import { CLERK, SUPERVISOR, enrolUsers, signIn, type TestUser } from '../e2e/support/users';
import { seedPendingApplications } from '../e2e/support/pending-applications';
import { seedCompleteDraft, seedSubmittedApplication } from '../e2e/support/applications';

const out = resolve(process.argv[2] ?? '.tmp/screens/issue13');
mkdirSync(out, { recursive: true });
const VIEWPORT = { width: 1366, height: 768 };

/** A scanner's 2-page PDF (as e2e/pdf-review.e2e.ts): a coloured block per page, a line of text on the first. */
function twoPagePdf(): Promise<Buffer> {
  return new Promise((done, fail) => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, bufferPages: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => done(Buffer.concat(chunks)));
    doc.on('error', fail);
    for (const colour of ['#1a3d8f', '#8f1a1a']) {
      doc.addPage();
      doc.rect(60, 80, 400, 300).fill(colour);
    }
    doc.switchToPage(0);
    doc.font('Helvetica-Bold').fontSize(48).fillColor('black').text('AGREEMENT', 60, 460);
    doc.end();
  });
}

function attachPdf(dataDir: string, applicationId: string, pdf: Buffer): void {
  const config = loadOrCreateWorkstationConfig(dataDir);
  const store = openStore({ dir: dataDir, key: loadOrCreateKeyFile(join(dataDir, 'store.key')), workstationId: config.workstationId, clock: () => new Date() });
  try {
    store.attachments.put(pdf, { applicationId, slot: 'paper.agreement', actor: actorOf(CLERK.staffNumber) });
  } finally {
    store.close();
  }
}

/**
 * What runs past the right edge at this size (the layout E2E's measure, shortened). A string:
 * tsx names the functions it compiles (__name), which the page does not have.
 */
const OVERFLOW = `(() => {
  const vw = document.documentElement.clientWidth;
  const pastEdge = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
    let held = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (/(auto|scroll|hidden)/.test(getComputedStyle(p).overflowX)) held = true;
    if (!held) pastEdge.push(el.tagName.toLowerCase() + '.' + String(el.className) + ' ends at ' + Math.round(r.right) + ' px');
    if (pastEdge.length >= 5) break;
  }
  return { scrollWidth: document.documentElement.scrollWidth, width: vw, pastEdge };
})()`;

function overflow(page: Page): Promise<{ scrollWidth: number; width: number; pastEdge: string[] }> {
  return page.evaluate(OVERFLOW);
}

const layout: Record<string, unknown> = {};
const failures: string[] = [];

async function shot(page: Page, name: string, opts: { fullPage?: boolean; measure?: boolean } = {}) {
  await page.evaluate('document.fonts.ready');
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: opts.fullPage ?? false });
  if (opts.measure) layout[name] = await overflow(page);
  console.log(`wrote ${join(out, `${name}.png`)}`);
}

/** Each picture on its own: an old screen without a step logs and goes on. */
async function step(name: string, run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    failures.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
    console.log(`skipped ${name}: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function session(browser: Browser, url: string, user: TestUser, locale: Locale): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(url);
  // The sign-in helper reads the Chinese labels; the language is chosen after.
  await page.getByTestId('language').selectOption('zh-Hant');
  await signIn(page, user);
  await page.getByTestId('language').selectOption(locale);
  return page;
}

/** One session per workstation: sign out before the next person's context. */
async function close(page: Page) {
  await callFromPage(page, 'auth.signOut', {});
  await page.context().close();
}

async function main() {
  const dataDir = newDataDir();
  seedSubmittedApplication(dataDir, CLERK); // pins workstation W07, SP01
  await enrolUsers(dataDir, [CLERK, SUPERVISOR]);
  const draft = seedCompleteDraft(dataDir, CLERK);
  const [pending] = seedPendingApplications(dataDir, CLERK, [
    { nameZh: '澳門版面測試貿易有限公司', namePt: 'Companhia de Teste de Apresentação de Macau, Limitada', submittedMinutesAgo: 30 },
  ]);
  attachPdf(dataDir, pending!.id, await twoPagePdf());
  const app = await startApp(dataDir);
  const browser = await launchBrowser();
  try {
    // Item 4: a complete draft's checklist, met items in their met words; item 13: Ctrl+Enter on it.
    for (const locale of ['en', 'pt', 'zh-Hant'] as const) {
      const page = await session(browser, app.url, CLERK, locale);
      await step(`item04-${locale}`, async () => {
        await page.getByRole('button', { name: new RegExp(draft.nameZh) }).click();
        const checklist = page.locator('.checklist').first();
        await checklist.waitFor();
        await page.getByTestId('submit').waitFor();
        await checklist.scrollIntoViewIfNeeded();
        await shot(page, `item04-checklist-${locale}`);
        await checklist.screenshot({ path: join(out, `item04-checklist-list-${locale}.png`) });
      });
      if (locale === 'zh-Hant')
        await step('item13', async () => {
          for (let i = 0; i < 50 && (await page.getByTestId('submit').getAttribute('aria-disabled')) !== null; i++) await page.waitForTimeout(200);
          await page.keyboard.press('Control+Enter');
          await page.waitForTimeout(2_000);
          await shot(page, 'item13-after-ctrl-enter-zh-Hant');
        });
      await close(page);
    }

    // Items 10 and 17: the supervisor's screens; the review of a form with a 2-page PDF agreement.
    for (const locale of ['zh-Hant', 'pt'] as const) {
      const page = await session(browser, app.url, SUPERVISOR, locale);
      const t = (key: MessageKey) => translate(locale, key);
      await step(`worklist-${locale}`, async () => {
        await page.keyboard.press('Alt+1');
        await page.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
        await shot(page, `item17-worklist-${locale}`, { fullPage: true, measure: true });
      });
      await step(`review-${locale}`, async () => {
        await page.keyboard.press('Alt+2');
        await page.getByRole('heading', { name: t('approval.queue.title'), level: 1 }).waitFor();
        await page.locator(`tr[data-application-id="${pending!.id}"]`).waitFor();
        await shot(page, `item17-queue-${locale}`, { fullPage: true, measure: true });
        await page.locator(`tr[data-application-id="${pending!.id}"]`).getByRole('button').last().click();
        await page.locator('.approval-review').waitFor();
        await shot(page, `item17-review-${locale}`, { fullPage: true, measure: true });
        // Item 10: the next page is the agreement's first PDF page.
        await page.getByRole('button', { name: t('approval.review.nextPage') }).click();
        await page.waitForTimeout(2_500);
        await shot(page, `item10-review-pdf-${locale}`);
      });
      await step(`day-end-${locale}`, async () => {
        await page.keyboard.press('Alt+3');
        await page.getByRole('heading', { name: t('approval.report.title'), level: 1 }).waitFor();
        await page.locator('.day-end form button[type="submit"]').click();
        await page.locator('.day-end table').first().waitFor();
        await shot(page, `item17-day-end-${locale}`, { fullPage: true, measure: true });
      });
      await close(page);
    }
  } finally {
    writeFileSync(join(out, 'layout.json'), `${JSON.stringify({ layout, skipped: failures }, null, 2)}\n`);
    await browser.close();
    await app.stop();
  }
}

await main();
