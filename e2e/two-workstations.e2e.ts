import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, newDataDir, type AppProcess } from './support/app-process';
import { expectAccessible, launchBrowser, watchPageErrors } from './support/browser';
import { CLERK, SUPERVISOR, enrolUsers, signIn } from './support/users';
import { configureWorkstation } from './support/pending-applications';
import { startCentralServer, enrolWorkstation, type CentralServer } from './support/sync-server';
import { seedSyncableDraft } from './support/synced-draft';
import { t } from './support/ui-text';

// Issue 15, a service point works as one: a clerk on workstation A submits while the central
// server is down (the status bar says it waits), the server comes back and it is sent; a
// supervisor on workstation B of the same service point finds it in the queue, opens it with its
// scan fetched from the server, and approves; the clerk on A sees the approval on the work list.
// Real server on PostgreSQL, two harness workstations enrolled with it, Chromium.

const SP = 'SP01';
const NAMES = { zh: '澳門兩站測試貿易有限公司', pt: 'Comércio Duas Estações, Limitada' };

describe('two workstations of one service point, through the central server', () => {
  let server: CentralServer;
  let a: AppProcess;
  let b: AppProcess;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let problems: string[][] = [];
  let draftId: string;

  beforeAll(async () => {
    server = await startCentralServer({ servicePoint: SP, users: [CLERK, SUPERVISOR] });
    const dirA = newDataDir();
    const dirB = newDataDir();
    configureWorkstation(dirA, 'W1', SP);
    configureWorkstation(dirB, 'W2', SP);
    await enrolUsers(dirA, [CLERK]);
    await enrolUsers(dirB, [SUPERVISOR]);
    await enrolWorkstation(dirA, server.url, await server.enrolmentCode(SP, 'W1'));
    await enrolWorkstation(dirB, server.url, await server.enrolmentCode(SP, 'W2'));
    draftId = seedSyncableDraft(dirA, CLERK, NAMES, 1).id;
    [a, b] = await Promise.all([startApp(dirA), startApp(dirB)]);
    browser = await launchBrowser();
    pageA = await (await browser.newContext()).newPage();
    pageB = await (await browser.newContext()).newPage();
    for (const p of [pageA, pageB]) p.context().setDefaultTimeout(20_000);
    problems = [watchPageErrors(pageA), watchPageErrors(pageB)];
    await Promise.all([pageA.goto(a.url), pageB.goto(b.url)]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await server?.close();
  });

  const syncText = (p: Page) => p.getByTestId('status-sync').textContent();

  it('submitted while the server is down, sent when it is back, approved on B, seen approved on A', async () => {
    // Both workstations are connected before the outage.
    await expect.poll(() => syncText(pageA), { timeout: 30_000 }).toContain(t('sync.bar.connected'));

    await server.stop();
    await signIn(pageA, CLERK);
    await pageA.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
    await pageA.getByRole('button', { name: NAMES.zh }).click();
    await pageA.getByTestId('submit').click();
    await pageA.getByTestId('confirm-submit').click();
    const number = (await pageA.getByTestId('application-number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^SP01-W1-\d{8}-\d{4}-[0-9A-Z]$/);

    // Saved here, waiting: the bar says so in plain words, with the failure it keeps retrying.
    await expect.poll(() => syncText(pageA), { timeout: 30_000 }).toContain(t('sync.bar.waiting', { count: 1 }));
    await expect.poll(() => syncText(pageA), { timeout: 30_000 }).toContain(t('sync.status.error.network'));
    await expectAccessible(pageA, 'workstation A: submitted, server down, waiting');

    // The server comes back; the clerk need not wait out the back-off: "retry now".
    await server.start();
    await pageA.getByRole('button', { name: t('sync.bar.details') }).click();
    await pageA.getByRole('button', { name: t('sync.details.retryNow') }).click();
    await pageA.getByRole('button', { name: t('sync.details.close') }).click();
    await expect.poll(() => syncText(pageA), { timeout: 60_000 }).toMatch(new RegExp(t('sync.bar.allSent', { time: '\\d\\d:\\d\\d' })));

    // Workstation B: the supervisor finds it in the service point's queue (pulled from the server).
    await signIn(pageB, SUPERVISOR);
    await pageB.keyboard.press('Alt+2');
    await pageB.getByRole('heading', { name: t('approval.queue.title'), level: 1 }).waitFor();
    const row = pageB.locator(`tr[data-application-id="${draftId}"]`);
    await expect
      .poll(
        async () => {
          if ((await row.count()) === 0) await pageB.keyboard.press('Alt+2');
          return row.count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await row.textContent()).toContain(number);
    expect(await row.textContent()).toContain(NAMES.zh);
    await expectAccessible(pageB, 'workstation B: the service point’s queue');

    await row.getByRole('button', { name: t('approval.queue.open') }).click();
    await pageB.getByRole('heading', { name: `審閱申請 ${number}` }).waitFor();
    // Its scan, fetched from the server on demand, shown in place.
    await pageB.locator('.scan-frame img').waitFor({ timeout: 30_000 });
    expect(await pageB.locator('.scan-frame img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expectAccessible(pageB, 'workstation B: review with the fetched scan');
    // Its history, as the server sent it: submitted by the clerk at workstation A.
    await pageB.getByRole('button', { name: t('history.show') }).click();
    const submitted = pageB.locator('table.history-table tbody tr', { hasText: t('history.action.submit') });
    await submitted.first().waitFor();
    expect(await submitted.first().textContent()).toContain(`${SP}-W1`);
    await expectAccessible(pageB, 'workstation B: history of an application taken in at A');

    await pageB.getByRole('radio', { name: t('approval.decide.approve'), exact: true }).check();
    await pageB.getByRole('button', { name: t('approval.decide.confirm') }).click();
    await pageB
      .getByRole('status')
      .filter({ hasText: t('approval.decide.done.approved') })
      .waitFor();

    // Workstation A: the clerk's work list shows the approval within seconds.
    await pageA.keyboard.press('Alt+1');
    await pageA.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
    const mine = pageA.locator('table.worklist tr', { hasText: number });
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 30_000 }).toBe('approved');
    expect(await mine.textContent()).toContain(t('status.app.approved'));
    await expectAccessible(pageA, 'workstation A: the approval on the work list');
    expect(problems.flat()).toEqual([]);
  }, 300_000);
});
