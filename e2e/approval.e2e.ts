import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, newDataDir, type AppProcess } from './support/app-process';
import { expectAccessible, launchBrowser, watchPageErrors } from './support/browser';
import { CLERK, SUPERVISOR, enrolUsers, signIn, type TestUser } from './support/users';
import { configureWorkstation, seedPendingApplications, type PendingApplication } from './support/pending-applications';

const SUPERVISOR_2: TestUser = { staffNumber: 'S0202', displayName: 'Ana Sousa', roles: ['supervisor'], password: 'super-password-2' };

/** A call made from inside the page with the page's own harness token: what a tampered renderer could send. */
async function forge(page: Page, method: string, input: unknown): Promise<{ ok: boolean; error?: { code: string; messageKey?: string } }> {
  return page.evaluate(
    async ([m, body]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + sessionStorage.getItem('counterdesk.harnessToken') },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string; messageKey?: string } };
    },
    [method, input] as const,
  );
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: '登出' }).click();
  await page.getByRole('heading', { name: '登入', level: 1 }).waitFor();
}

/** The queue's rows (after the header), each as its text. */
async function queueRows(page: Page): Promise<string[]> {
  await page.getByRole('heading', { name: '待審批申請', level: 1 }).waitFor();
  return page.locator('.approval-queue tbody tr').allTextContents();
}

// Applications are seeded minutes to hours before now; the day-end report counts those taken
// in today (Macau time), so shortly after Macau midnight the ages are squeezed into today.
const sinceMacauMidnight = Math.floor(((Date.now() + 8 * 3_600_000) % 86_400_000) / 60_000);
const scale = Math.min(1, (sinceMacauMidnight - 1) / 150);
const ago = (minutes: number) => Math.floor(minutes * scale);
const ageText = (m: number) => (m < 60 ? `已等候 ${m} 分鐘` : `已等候 ${Math.floor(m / 60)} 小時 ${m % 60} 分鐘`);

describe('supervisor approval through the real UI', () => {
  let browser: Browser;
  let app: AppProcess;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  const dataDir = newDataDir();
  let apps: Record<'oldest' | 'middle' | 'newest' | 'own' | 'bulk1' | 'bulk2', PendingApplication>;

  beforeAll(async () => {
    configureWorkstation(dataDir);
    await enrolUsers(dataDir, [CLERK, SUPERVISOR, SUPERVISOR_2]);
    const [oldest, middle, own, newest, bulk1, bulk2] = seedPendingApplications(dataDir, CLERK, [
      { nameZh: '澳門最早貿易有限公司', namePt: 'Primeiro Comércio, Limitada', submittedMinutesAgo: ago(150) },
      { nameZh: '澳門中間貿易有限公司', namePt: 'Meio Comércio, Limitada', submittedMinutesAgo: ago(95) },
    ]).concat(
      seedPendingApplications(dataDir, SUPERVISOR, [{ nameZh: '主管自己收件有限公司', namePt: 'Recebido pelo Supervisor, Limitada', submittedMinutesAgo: ago(60) }]),
      seedPendingApplications(dataDir, CLERK, [
        { nameZh: '澳門最新貿易有限公司', namePt: 'Novo Comércio, Limitada', submittedMinutesAgo: ago(20) },
        { nameZh: '日終甲有限公司', namePt: 'Fim do Dia A, Limitada', submittedMinutesAgo: ago(10) },
        { nameZh: '日終乙有限公司', namePt: 'Fim do Dia B, Limitada', submittedMinutesAgo: ago(5) },
      ]),
    ) as PendingApplication[];
    apps = { oldest: oldest!, middle: middle!, own: own!, newest: newest!, bulk1: bulk1!, bulk2: bulk2! };
    app = await startApp(dataDir);
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    problems = watchPageErrors(page);
    await page.goto(app.url);
  });
  // Each test starts at the sign-in screen, whatever the previous one left behind.
  beforeEach(async () => {
    await forge(page, 'auth.signOut', {});
    await page.reload();
    await page.getByRole('heading', { name: '登入', level: 1 }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
    await app?.stop();
    await browser?.close();
  });

  it('a clerk has no approval control, and the core refuses a forged approval', async () => {
    await signIn(page, CLERK);
    await page.getByRole('heading', { name: '今日申請', level: 1 }).waitFor();
    // No approval tab.
    expect(await page.getByRole('button', { name: /^審批/ }).count()).toBe(0);
    await page.keyboard.press('Alt+2');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('今日申請');

    const forged = await forge(page, 'approval.decide', { id: apps.oldest.id, decision: 'approve' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'approval.error.wrongRole' } });
    // Nor may a clerk read the supervisor's queue or another clerk's application through it.
    expect(await forge(page, 'approval.queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await forge(page, 'approval.open', { id: apps.own.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signOut(page);
  });

  it('the supervisor sees the queue oldest first with its age, reviews data beside the scans, and rejects with a reason', async () => {
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    const rows = await queueRows(page);
    expect(rows.map((r) => /澳門最早|澳門中間|主管自己|澳門最新|日終甲|日終乙/.exec(r)?.[0])).toEqual(['澳門最早', '澳門中間', '主管自己', '澳門最新', '日終甲', '日終乙']);
    expect(rows[0]).toContain(ageText(ago(150)));
    expect(rows[0]).toContain(apps.oldest.applicationNumber);
    expect(rows[0]).toContain(`${CLERK.displayName} (${CLERK.staffNumber})`);
    // Four eyes in the UI: the supervisor's own intake is marked and cannot be selected.
    expect(rows[2]).toContain('由你經手，不能審批');
    expect(await page.getByRole('checkbox', { name: /主管自己收件有限公司/ }).isDisabled()).toBe(true);
    await expectAccessible(page, 'approval queue');

    await page.locator(`tr[data-application-id="${apps.oldest.id}"]`).getByRole('button', { name: '審閱' }).click();
    await page.getByRole('heading', { name: `審閱申請 ${apps.oldest.applicationNumber}`, level: 1 }).waitFor();
    // The data as labelled sections in the paper's order, not the stored JSON.
    const data = page.getByRole('region', { name: '申請資料' });
    expect(await data.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['一、實體資料', '二、法定代表人', '四、實體管理員（1 至 3 名）', '五、聯絡資料', '文件']);
    expect(await data.locator('dt:has-text("中文名稱") + dd').first().textContent()).toBe('澳門最早貿易有限公司');
    expect(await data.textContent()).toContain('實體帳戶申請表: 正本 · 1 份掃描');
    expect(await data.textContent()).not.toContain('"entity"');
    // The scan is shown beside the data, page by page, and zooms.
    const scan = page.getByRole('img', { name: /paper\.application_form 1/ });
    await scan.waitFor();
    expect(await page.getByText('第 1 / 1 頁').isVisible()).toBe(true);
    const before = (await scan.boundingBox())?.width ?? 0;
    await page.getByRole('button', { name: '放大' }).click();
    await expect.poll(async () => (await scan.boundingBox())?.width ?? 0).toBeGreaterThan(before);
    // The checklist says who ticked each check.
    const checklist = await page.locator('.review-checklist').textContent();
    expect(checklist).toContain('申請表已由法定代表人簽署');
    expect(checklist).not.toContain('paper.application_form.signed');
    expect(checklist).toContain(`${CLERK.displayName} (${CLERK.staffNumber})`);
    await expectAccessible(page, 'review');

    await page.getByRole('radio', { name: '拒絕' }).check();
    await page.getByLabel('拒絕原因').selectOption('documents_missing');
    await page.getByLabel('補充說明').fill('欠缺商業登記證明正本');
    await expectAccessible(page, 'review with the reject form');
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByRole('status').filter({ hasText: '申請已拒絕。' }).waitFor();
    await expect.poll(() => page.locator('.review-history').textContent()).toContain('不批准');
    expect(await page.getByRole('radio').count()).toBe(0);
  });

  it('four eyes: the supervisor who took an application in cannot decide it, in the UI nor through the API', async () => {
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    await queueRows(page);
    await page.locator(`tr[data-application-id="${apps.own.id}"]`).getByRole('button', { name: '審閱' }).click();
    await page.getByRole('heading', { name: `審閱申請 ${apps.own.applicationNumber}` }).waitFor();
    await page.getByText('按「四眼原則」不能由你審批').waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    await expectAccessible(page, 'review of own intake');

    const forged = await forge(page, 'approval.decide', { id: apps.own.id, decision: 'approve' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'approval.error.fourEyes' } });
    const bulk = await forge(page, 'approval.bulkApprove', { ids: [apps.own.id], password: SUPERVISOR.password });
    expect(bulk).toMatchObject({ ok: true, value: { approved: [], refused: [{ id: apps.own.id, code: 'forbidden' }] } });
    await signOut(page);
  });

  it('offline elevation: a supervisor signs in on top at the clerk’s workstation and approves; both identities are recorded', async () => {
    await signIn(page, CLERK);
    await page.getByRole('button', { name: '主管在此工作站登入審批' }).click();
    const dialog = page.getByRole('dialog', { name: '主管在此工作站登入審批' });
    await dialog.waitFor();
    await expectAccessible(page, 'elevation dialog');
    // A clerk's own credentials do not elevate.
    await dialog.getByLabel('職員編號').fill(CLERK.staffNumber);
    await dialog.getByLabel('密碼').fill(CLERK.password);
    await dialog.getByRole('button', { name: '確認身份' }).click();
    await dialog.getByText('此職員不是主管').waitFor();
    await dialog.getByLabel('職員編號').fill(SUPERVISOR_2.staffNumber);
    await dialog.getByLabel('密碼').fill(SUPERVISOR_2.password);
    await dialog.getByRole('button', { name: '確認身份' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`主管 ${SUPERVISOR_2.displayName} 已登入審批`).waitFor();

    await page.getByRole('button', { name: /^審批/ }).click();
    await page.locator(`tr[data-application-id="${apps.newest.id}"]`).getByRole('button', { name: '審閱' }).click();
    await page.getByRole('heading', { name: `審閱申請 ${apps.newest.applicationNumber}` }).waitFor();
    await page.getByRole('radio', { name: '批准' }).check();
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByRole('status').filter({ hasText: '申請已批准。' }).waitFor();
    const history = page.locator('.review-history li').last();
    await expect.poll(() => history.textContent()).toContain('已批准');
    expect(await history.textContent()).toContain(`${SUPERVISOR_2.displayName} (${SUPERVISOR_2.staffNumber})`);
    expect(await history.textContent()).toContain(`${CLERK.displayName} (${CLERK.staffNumber})`);
    await expectAccessible(page, 'review after an elevated approval');
    await signOut(page);
  });

  it('bulk approval at day end with one re-authentication, then the day-end report and its CSV', async () => {
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    await queueRows(page);
    await page.getByRole('checkbox', { name: /日終甲有限公司/ }).check();
    await page.getByRole('checkbox', { name: /日終乙有限公司/ }).check();
    await page.getByRole('button', { name: /批准所選申請/ }).click();
    const dialog = page.getByRole('dialog', { name: '批量批准' });
    await dialog.getByText('你將批准 2 份已審閱的申請').waitFor();
    await expectAccessible(page, 'bulk approval dialog');
    await dialog.getByLabel('密碼').fill('not-my-password');
    await dialog.getByRole('button', { name: '批准所選申請' }).click();
    await dialog.getByText('職員編號或密碼不正確').waitFor();
    await dialog.getByLabel('密碼').fill(SUPERVISOR.password);
    await dialog.getByRole('button', { name: '批准所選申請' }).click();
    await dialog.getByText('已批准 2 份，0 份未能批准。').waitFor();
    await dialog.getByRole('button', { name: '返回列表' }).click();
    await expect.poll(async () => (await queueRows(page)).length).toBe(2);

    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: '日終對帳報告', level: 1 }).waitFor();
    await page.getByRole('button', { name: '日終對帳報告' }).click();
    const total = page.getByRole('row').filter({ hasText: '合計' });
    await total.waitFor();
    const cells = await total.locator('td').allTextContents();
    // received, recorded, drafts, submitted, approved, rejected, returned, pending, ...
    expect(cells.slice(0, 8)).toEqual(['6', '6', '0', '6', '3', '1', '0', '2']);
    // Nothing has reached the central API yet: the report says so instead of "balanced".
    await page.getByRole('status').filter({ hasText: '已遞交 = 已同步（6 對 0，相差 +6）' }).waitFor();
    expect(await page.getByText('全部相符。').count()).toBe(0);
    await expectAccessible(page, 'day-end report');

    // The clerk counted seven paper forms but six were recorded: the report shows where.
    await page.getByLabel('收到表格（人手點算，可留空）').fill('7');
    await page.getByRole('button', { name: '日終對帳報告' }).click();
    await page.getByRole('status').filter({ hasText: '收到表格 = 已記錄（7 對 6，相差 +1）' }).waitFor();
    expect(await page.locator('tr.row-difference').count()).toBe(1);
    await expectAccessible(page, 'day-end report with a paper count');

    const pdf = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PDF' }).click();
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^day-end-SP01-W07-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path, 'utf8');
    // The exported figures are the ones on screen, paper count included (received, recorded, drafts, submitted, approved, rejected, returned, pending).
    expect(csv.split('\r\n')[1]).toMatch(/^SP01,W07,7,6,0,6,3,1,0,2,0,6,0,/);
    expect(csv).toContain('收到表格 = 已記錄（7 對 6，相差 +1）');
    expect(problems).toEqual([]);
  });
});
