import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { translate, type Locale, type MessageKey } from '../i18n';
import { startApp, newDataDir, type AppProcess } from './support/app-process';
import { callFromPage, launchBrowser, watchPageErrors } from './support/browser';
import { CLERK, SUPERVISOR, enrolUsers, signIn, type TestUser } from './support/users';
import { configureWorkstation, seedPendingApplications } from './support/pending-applications';

// Issue 13, item 17: every main screen fits a 1366×768 counter screen in every language —
// Portuguese is the longest — with no sideways scrolling and nothing running off the edge.
// Screenshots go to .tmp/screens/ (test output, not committed) for a person to look at.

const ADMIN: TestUser = { staffNumber: 'A0001', displayName: 'Administrador Teste', roles: ['workstation_admin'], password: 'admin-password-1' };
const LOCALES: Locale[] = ['zh-Hant', 'pt', 'en'];
const SHOTS = resolve(import.meta.dirname, '..', '.tmp', 'screens');

/** Elements that run past the right edge of the window (unless a scrolling container holds them), and controls torn from their words. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > vw + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw} px)`);
    const scrolls = (el: Element) => /(auto|scroll|hidden)/.test(getComputedStyle(el).overflowX);
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
      let held = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) held = true;
      if (held) continue;
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
      found.push(`${name} ends at ${Math.round(r.right)} px: "${(el.textContent ?? '').trim().slice(0, 40)}"`);
      if (found.length >= 8) break;
    }
    // A radio button or tick box beside its words: its middle lies within the first line of its label's text.
    for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('label > input[type="radio"], label > input[type="checkbox"]'))) {
      const label = input.parentElement as HTMLElement;
      const text = Array.from(label.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!text) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      const line = range.getClientRects()[0];
      const box = input.getBoundingClientRect();
      const middle = (box.top + box.bottom) / 2;
      if (line && box.height > 0 && (middle < line.top || middle > line.bottom))
        found.push(`a ${input.type} is not beside its words: "${(label.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return found;
  });
}

async function setLocale(page: Page, locale: Locale) {
  await page.getByTestId('language').selectOption(locale);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** One session per workstation: the next test starts from the sign-in screen, whatever this one left. */
async function signOut(page: Page) {
  await callFromPage(page, 'auth.signOut', {});
  await page.context().close();
}

async function check(page: Page, screen: string, locale: Locale) {
  // Let fonts and late rows settle: the check reads layout, not a moment of it.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(SHOTS, `${screen}-${locale}.png`), fullPage: true });
  expect(await overflow(page), `${screen} in ${locale} at 1366×768`).toEqual([]);
}

describe('every main screen fits 1366×768 in every language', () => {
  let browser: Browser;
  let app: AppProcess;
  let problems: string[] = [];
  const dataDir = newDataDir();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    configureWorkstation(dataDir);
    await enrolUsers(dataDir, [CLERK, SUPERVISOR, ADMIN]);
    seedPendingApplications(dataDir, CLERK, [
      { nameZh: '澳門版面測試貿易有限公司', namePt: 'Companhia de Teste de Apresentação de Macau, Limitada', submittedMinutesAgo: 30 },
    ]);
    app = await startApp(dataDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function freshPage(user: TestUser): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    problems = watchPageErrors(page);
    await page.goto(app.url);
    // The workstation remembers the last language chosen; the sign-in helper reads Chinese labels.
    await setLocale(page, 'zh-Hant');
    await signIn(page, user);
    return page;
  }

  it.each(LOCALES)('sign-in, work list, intake form, approval queue, review and day-end report (%s)', async (locale) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const signInPage = await context.newPage();
    await signInPage.goto(app.url);
    await setLocale(signInPage, locale);
    await signInPage.getByRole('heading', { name: translate(locale, 'auth.signIn.title'), level: 1 }).waitFor();
    await check(signInPage, 'sign-in', locale);
    await context.close();

    const page = await freshPage(SUPERVISOR);
    try {
      await setLocale(page, locale);
      const t = (key: MessageKey) => translate(locale, key);
      await page.keyboard.press('Alt+1');
      await page.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
      await check(page, 'worklist', locale);

      await page.keyboard.press('Alt+N');
      await page.getByRole('heading', { name: t('intake.start.title'), level: 1 }).waitFor();
      await page.getByRole('button', { name: t('intake.start.go') }).click();
      await page.getByRole('heading', { name: t('kind.first_application'), level: 1 }).waitFor();
      await check(page, 'intake', locale);

      await page.keyboard.press('Alt+2');
      await page.getByRole('heading', { name: t('approval.queue.title'), level: 1 }).waitFor();
      await page.locator('.approval-queue tbody tr').first().waitFor();
      await check(page, 'approval-queue', locale);

      await page.locator('.approval-queue tbody tr').first().getByRole('button').last().click();
      await page.locator('.approval-review').waitFor();
      await check(page, 'review', locale);

      await page.keyboard.press('Alt+3');
      await page.getByRole('heading', { name: t('approval.report.title'), level: 1 }).waitFor();
      await page.locator('.day-end form button[type="submit"]').click();
      await page.locator('.day-end table').waitFor();
      await check(page, 'day-end', locale);
      expect(problems).toEqual([]);
    } finally {
      await signOut(page);
    }
  });

  it.each(LOCALES)('the administrator’s users screen and receipt verification (%s)', async (locale) => {
    const page = await freshPage(ADMIN);
    try {
      await setLocale(page, locale);
      await page.keyboard.press('Alt+4');
      await page.locator('main h1').first().waitFor();
      await check(page, 'users', locale);
      await page.keyboard.press('Alt+5');
      await page.locator('main h1').first().waitFor();
      await check(page, 'verify-receipt', locale);
      expect(problems).toEqual([]);
    } finally {
      await signOut(page);
    }
  });
});
