import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeSyncServer, type FakeSyncServer } from '../services/sync/test-support/fake-sync-server';
import { startApp, newDataDir, type AppProcess } from './support/app-process';
import { expectAccessible, launchBrowser, watchPageErrors, callFromPage } from './support/browser';
import { t } from './support/ui-text';

// Issue 12 item 2 and issue 15, the first run as an installed workstation lives it: the
// one-time setup code (a wrong one is refused), then the administrator enrols with the central
// server (wrong code, unreachable address and a skewed clock each said as such) or keeps the
// workstation standalone. Keyboard first; every screen axe clean.

const ADMIN = { staffNumber: 'A0001', name: '黃管理', password: 'admin-password-1' };

async function openFresh(browser: Browser): Promise<{ app: AppProcess; page: Page; problems: string[] }> {
  const dataDir = newDataDir();
  // No machine configuration: the harness prints a code for whoever started it.
  const app = await startApp(dataDir, { COUNTERDESK_MACHINE_CONFIG: join(dataDir, 'no-machine.json') });
  const context = await browser.newContext();
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = watchPageErrors(page);
  await page.goto(app.url);
  return { app, page, problems };
}

async function setUp(page: Page, setupCode: string) {
  await page.getByRole('heading', { name: t('auth.setup.title'), level: 1 }).waitFor();
  // The code field has the focus: the person types straight away.
  await page.keyboard.type(setupCode);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN.staffNumber);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN.name);
  await page.getByLabel(t('auth.signIn.password'), { exact: true }).fill(ADMIN.password);
  await page.getByLabel(t('auth.setup.confirm')).fill(ADMIN.password);
  await page.getByLabel(t('auth.setup.confirm')).press('Enter');
}

describe('first run: setup code, then enrolment or standalone', () => {
  let browser: Browser;
  let server: FakeSyncServer;
  let skewed: FakeSyncServer;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startFakeSyncServer({ clock: () => new Date() });
    skewed = await startFakeSyncServer({ clock: () => new Date(Date.now() + 86_400_000) });
  });
  afterAll(async () => {
    await browser?.close();
    for (const a of apps) await a.stop();
    await server?.close();
    await skewed?.close();
  });

  it('a wrong setup code is refused; the right one makes the administrator, who enrols after a wrong code, a dead address and a skewed clock', async () => {
    const { app, page, problems } = await openFresh(browser);
    apps.push(app);
    expect(app.setupCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await page.getByText(t('auth.setup.codeHint.start_console')).waitFor();
    await expectAccessible(page, 'first-run setup with the code field');

    await setUp(page, 'AAAA-BBBB-CCCC-DDDD');
    await page.getByText(t('auth.error.setupCodeInvalid', { remaining: 9 })).waitFor();
    expect(await callFromPage(page, 'auth.status', {})).toMatchObject({ ok: true, value: { setupNeeded: true, user: null } });

    await page.getByLabel(t('auth.setup.code')).fill(app.setupCode ?? '');
    await page.getByLabel(t('auth.setup.confirm')).press('Enter');
    await page.getByRole('heading', { name: t('firstRun.title'), level: 1 }).waitFor();
    await expectAccessible(page, 'first-run enrolment');

    const form = async (serverUrl: string, code: string) => {
      await page.getByLabel(t('firstRun.serverUrl')).fill(serverUrl);
      await page.getByLabel(t('firstRun.code')).fill(code);
      await page.getByLabel(t('firstRun.servicePoint')).fill('SP01');
      await page.getByLabel(t('firstRun.workstation')).fill('W1');
      await page.getByLabel(t('firstRun.workstation')).press('Enter');
    };
    await form(server.url, 'ABCD');
    await page.getByText(t('firstRun.error.codeFormat')).waitFor();
    await form(server.url, 'AAAA-BBBB-CCCC-DDDD-9999');
    await page.getByText(t('firstRun.error.code')).waitFor();
    await form('http://127.0.0.1:9', 'AAAA-BBBB-CCCC-DDDD-9999');
    await page.getByText(t('firstRun.error.unreachable', { server: 'http://127.0.0.1:9' })).waitFor();
    await form(skewed.url, skewed.issueCode('SP01', 'W1'));
    await page.getByText(t('firstRun.error.clockSkew', { serverTime: '' }).split('（')[0] ?? '').waitFor();
    await expectAccessible(page, 'first-run enrolment with an error');

    await form(server.url, server.issueCode('SP01', 'W1'));
    // Enrolled: the workspace opens; users come from the server, read-only here.
    await page.getByRole('navigation', { name: t('nav.label') }).waitFor();
    expect(await callFromPage(page, 'sync.status', {})).toMatchObject({ ok: true, value: { server: server.url, workstationId: 'SP01-W1' } });
    await page.keyboard.press('Alt+4');
    await page.getByText(t('users.managedCentrally')).waitFor();
    expect(await page.getByRole('button', { name: t('users.create.submit') }).count()).toBe(0);
    await expectAccessible(page, 'users read-only once enrolled');
    expect(problems).toEqual([]);
  });

  it('an administrator may keep the workstation standalone, and then creates users here', async () => {
    const { app, page, problems } = await openFresh(browser);
    apps.push(app);
    await setUp(page, app.setupCode ?? '');
    await page.getByRole('heading', { name: t('firstRun.title'), level: 1 }).waitFor();
    await page.getByRole('button', { name: t('firstRun.standalone') }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: t('nav.label') }).waitFor();
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: t('users.title'), level: 1 }).waitFor();
    await page.getByText(t('users.intro')).waitFor();
    await page.getByRole('button', { name: t('users.create.submit') }).waitFor();
    expect(await callFromPage(page, 'auth.status', {})).toMatchObject({ ok: true, value: { firstRunEnrolment: false } });
    expect(problems).toEqual([]);
  });
});
