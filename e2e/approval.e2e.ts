import { beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { approve, confirmDecision, openReview, returnForCorrection } from './support/approval-ui';
import { expectAccessible, callFromPage as forge, backToSignIn } from './support/browser';
import { counterPerDescribe } from './support/counter';
import { CLERK, SUPERVISOR, enrolUsers, signIn, signOut, type TestUser } from './support/users';
import { configureWorkstation, seedPendingApplications, type PendingApplication } from './support/pending-applications';
import { scanFixtures } from '../services/store/attachments/fixtures';
import { newApplication, openFromWorkList, saved } from './support/intake-ui';
import { t } from './support/ui-text';
import { parseApplicationNumber } from '../domain/application-number';
import { formatAge } from '../renderer/src/screens/approval/format-age';
import { sourceMessage } from '../domain/rules';

const SUPERVISOR_2: TestUser = { staffNumber: 'S0202', displayName: 'Ana Sousa', roles: ['supervisor'], password: 'super-password-2' };

/** The queue's rows (after the header), each as its text. */
async function queueRows(page: Page): Promise<string[]> {
  await page.getByRole('heading', { name: t('approval.queue.title'), level: 1 }).waitFor();
  return page.locator('.approval-queue tbody tr').allTextContents();
}

// Applications are seeded minutes to hours before now; the day-end report counts those taken
// in today (Macau time), so shortly after Macau midnight the ages are squeezed into today.
const sinceMacauMidnight = Math.floor(((Date.now() + 8 * 3_600_000) % 86_400_000) / 60_000);
const scale = Math.max(0, Math.min(1, (sinceMacauMidnight - 1) / 150));
const ago = (minutes: number) => Math.floor(minutes * scale);
const ageText = (m: number) => t('approval.queue.age', { age: formatAge(t, m) });

/** The Macau day an application was taken in, as its number carries it. */
function takenInDay(app: PendingApplication): string {
  const parsed = parseApplicationNumber(app.applicationNumber);
  if (!parsed.ok) throw new Error(`not an application number: ${app.applicationNumber}`);
  return parsed.parts.date;
}

describe('supervisor approval through the real UI', () => {
  let apps: Record<'oldest' | 'middle' | 'newest' | 'own' | 'bulk1' | 'bulk2', PendingApplication>;

  let seededAt: number;

  const counter = counterPerDescribe(
    async (dataDir) => {
      configureWorkstation(dataDir);
      await enrolUsers(dataDir, [CLERK, SUPERVISOR, SUPERVISOR_2]);
      seededAt = Date.now();
      const [oldest, middle, own, newest, bulk1, bulk2] = seedPendingApplications(dataDir, CLERK, [
        { nameZh: '澳門最早貿易有限公司', namePt: 'Primeiro Comércio, Limitada', submittedMinutesAgo: ago(150) },
        { nameZh: '澳門中間貿易有限公司', namePt: 'Meio Comércio, Limitada', submittedMinutesAgo: ago(95) },
      ]).concat(
        seedPendingApplications(dataDir, SUPERVISOR, [
          { nameZh: '主管自己收件有限公司', namePt: 'Recebido pelo Supervisor, Limitada', submittedMinutesAgo: ago(60) },
        ]),
        seedPendingApplications(dataDir, CLERK, [
          { nameZh: '澳門最新貿易有限公司', namePt: 'Novo Comércio, Limitada', submittedMinutesAgo: ago(20) },
          { nameZh: '日終甲有限公司', namePt: 'Fim do Dia A, Limitada', submittedMinutesAgo: ago(10) },
          { nameZh: '日終乙有限公司', namePt: 'Fim do Dia B, Limitada', submittedMinutesAgo: ago(5) },
        ]),
      ) as PendingApplication[];
      apps = { oldest: oldest!, middle: middle!, own: own!, newest: newest!, bulk1: bulk1!, bulk2: bulk2! };
    },
    { timeout: 10_000, window: { acceptDownloads: true } },
  );
  // Each test starts at the sign-in screen, whatever the previous one left behind.
  beforeEach(() => backToSignIn(counter.page));

  it('a clerk has no approval control, and the core refuses a forged approval', async () => {
    const { page } = counter;
    await signIn(page, CLERK);
    await page.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
    // No approval tab.
    expect(await page.getByRole('button', { name: /^審批/ }).count()).toBe(0);
    await page.keyboard.press('Alt+2');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('worklist.title'));

    const forged = await forge(page, 'approval.decide', { id: apps.oldest.id, decision: 'approve' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'approval.error.wrongRole' } });
    // Nor may a clerk read the supervisor's queue or another clerk's application through it.
    expect(await forge(page, 'approval.queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await forge(page, 'approval.open', { id: apps.own.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signOut(page);
  });

  it('the supervisor sees the queue oldest first with its age, reviews data beside the scans, and rejects with a reason', async () => {
    const { page } = counter;
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    const rows = await queueRows(page);
    expect(rows.map((r) => /澳門最早|澳門中間|主管自己|澳門最新|日終甲|日終乙/.exec(r)?.[0])).toEqual([
      '澳門最早',
      '澳門中間',
      '主管自己',
      '澳門最新',
      '日終甲',
      '日終乙',
    ]);
    // The age the core computes when the queue is shown: 150 minutes (scaled) plus however long
    // this run has taken since the seeding — a loaded machine may take minutes to get here.
    const sinceSeeding = Math.ceil((Date.now() - seededAt) / 60_000);
    const ages = Array.from({ length: sinceSeeding + 1 }, (_, k) => ageText(ago(150) + k));
    expect(
      ages.filter((a) => rows[0]?.includes(a)),
      rows[0],
    ).toHaveLength(1);
    expect(rows[0]).toContain(apps.oldest.applicationNumber);
    expect(rows[0]).toContain(`${CLERK.displayName} (${CLERK.staffNumber})`);
    // Four eyes in the UI: the supervisor's own intake is marked and cannot be selected.
    expect(rows[2]).toContain(t('approval.queue.ownBadge'));
    expect(await page.getByRole('checkbox', { name: /主管自己收件有限公司/ }).isDisabled()).toBe(true);
    await expectAccessible(page, 'approval queue');

    await openReview(page, apps.oldest);
    // The data as labelled sections in the paper's order, not the stored JSON.
    const data = page.getByRole('region', { name: t('approval.review.data') });
    expect(await data.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      t('intake.section.entity'),
      t('intake.section.lrs'),
      t('intake.section.admins'),
      t('intake.section.contact'),
      t('approval.review.documents'),
    ]);
    expect(await data.locator('dt:has-text("中文名稱") + dd').first().textContent()).toBe('澳門最早貿易有限公司');
    expect(await data.textContent()).toContain(
      `${t('receipt.doc.application_form')}: ${t('intake.sighting.original')} · ${t('approval.review.scanCount', { count: 1 })}`,
    );
    expect(await data.textContent()).not.toContain('"entity"');
    // The scan is shown beside the data, page by page, and zooms.
    // Named as the receipt names the document, not by its slot id.
    const scan = page.getByRole('img', { name: t('approval.review.scanPageLabel', { doc: '實體帳戶申請表', page: 1 }) });
    await scan.waitFor();
    expect(await page.getByText(t('approval.review.page', { page: 1, pages: 1 })).isVisible()).toBe(true);
    const before = (await scan.boundingBox())?.width ?? 0;
    await page.getByRole('button', { name: t('approval.review.zoomIn') }).click();
    await expect.poll(async () => (await scan.boundingBox())?.width ?? 0).toBeGreaterThan(before);
    // The checklist says who ticked each check.
    const checklist = await page.locator('.review-checklist').textContent();
    expect(checklist).toContain(t('rules.paper.application_form.signed'));
    expect(checklist).not.toContain('paper.application_form.signed');
    // When, in Macau time and the screen's language (the browser's own locale is en-US here).
    expect(checklist).toMatch(/\d{2}:\d{2}/);
    expect(checklist).not.toMatch(/AM|PM/);
    expect(checklist).toContain(`${CLERK.displayName} (${CLERK.staffNumber})`);
    await expectAccessible(page, 'review');

    await page.getByRole('radio', { name: t('approval.decide.reject') }).check();
    await page.getByLabel(t('approval.decide.reason')).selectOption('documents_missing');
    await page.getByLabel(t('approval.decide.reasonText')).fill('欠缺商業登記證明正本');
    await expectAccessible(page, 'review with the reject form');
    await confirmDecision(page, 'rejected');
    await expect.poll(() => page.locator('.review-history').textContent()).toContain(t('status.app.rejected'));
    // The reason code in words, then the supervisor's text; never the stored '[code]'.
    expect(await page.locator('.review-history').textContent()).toContain(
      t('approval.review.reasonWithText', { reason: t('approval.reason.documents_missing'), text: '欠缺商業登記證明正本' }),
    );
    expect(await page.locator('.review-history').textContent()).not.toContain('[documents_missing]');
    expect(await page.getByRole('radio').count()).toBe(0);
    await signOut(page);

    // The clerk who took it in signs in again: the work list says it was not approved, and
    // opening it says why and who decided.
    await signIn(page, CLERK);
    expect(await openFromWorkList(page, '澳門最早貿易有限公司')).toContain(t('status.app.rejected'));
    await page.getByRole('heading', { name: `首次申請 ${apps.oldest.applicationNumber}`, level: 1 }).waitFor();
    const notice = page.locator('.decision-notice');
    await expect
      .poll(() => notice.textContent())
      .toContain(`${t('approval.decide.reject')}此申請：${t('approval.reason.documents_missing')} — 欠缺商業登記證明正本`);
    expect(await notice.textContent()).toContain(SUPERVISOR.displayName);
    expect(await notice.textContent()).not.toMatch(/AM|PM/);
    expect(await page.getByTestId('intake-status').textContent()).toBe(t('status.app.rejected'));
    expect(await page.getByTestId('submit').count()).toBe(0);
    await expectAccessible(page, 'clerk sees the rejection');
  });

  it('four eyes: the supervisor who took an application in cannot decide it, in the UI nor through the API', async () => {
    const { page } = counter;
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    await queueRows(page);
    await openReview(page, apps.own);
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
    const { page } = counter;
    await signIn(page, CLERK);
    await page.getByRole('button', { name: t('auth.elevation.title') }).click();
    const dialog = page.getByRole('dialog', { name: t('auth.elevation.title') });
    await dialog.waitFor();
    await expectAccessible(page, 'elevation dialog');
    // A clerk's own credentials do not elevate.
    await dialog.getByLabel(t('auth.signIn.staffNumber')).fill(CLERK.staffNumber);
    await dialog.getByLabel(t('auth.signIn.password')).fill(CLERK.password);
    await dialog.getByRole('button', { name: t('auth.elevation.submit') }).click();
    await dialog.getByText('此職員不是主管').waitFor();
    await dialog.getByLabel(t('auth.signIn.staffNumber')).fill(SUPERVISOR_2.staffNumber);
    await dialog.getByLabel(t('auth.signIn.password')).fill(SUPERVISOR_2.password);
    await dialog.getByRole('button', { name: t('auth.elevation.submit') }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`主管 ${SUPERVISOR_2.displayName} 已登入審批`).waitFor();

    await page.getByRole('button', { name: /^審批/ }).click();
    await openReview(page, apps.newest);
    await approve(page);
    const history = page.locator('.review-history li').last();
    await expect.poll(() => history.textContent()).toContain(t('status.app.approved'));
    expect(await history.textContent()).toContain(`${SUPERVISOR_2.displayName} (${SUPERVISOR_2.staffNumber})`);
    expect(await history.textContent()).toContain(`${CLERK.displayName} (${CLERK.staffNumber})`);
    await expectAccessible(page, 'review after an elevated approval');
    await signOut(page);
  });

  it('bulk approval at day end with one re-authentication, then the day-end report and its CSV', async () => {
    const { page, problems } = counter;
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    await queueRows(page);
    // Bulk approval approves what the supervisor reviewed: open each one first.
    for (const app of [apps.bulk1, apps.bulk2]) {
      await openReview(page, app);
      await page.getByRole('button', { name: t('approval.review.back') }).click();
      await queueRows(page);
    }
    await page.getByRole('checkbox', { name: /日終甲有限公司/ }).check();
    await page.getByRole('checkbox', { name: /日終乙有限公司/ }).check();
    // Never opened: the core leaves it out and the dialog says why.
    await page.getByRole('checkbox', { name: /澳門中間貿易有限公司/ }).check();
    await page.getByRole('button', { name: /批准所選申請/ }).click();
    const dialog = page.getByRole('dialog', { name: t('approval.bulk.title') });
    await dialog.getByText('你將批准 3 份已審閱的申請').waitFor();
    await expectAccessible(page, 'bulk approval dialog');
    await dialog.getByLabel(t('auth.signIn.password')).fill('not-my-password');
    await dialog.getByRole('button', { name: t('approval.bulk.submit') }).click();
    await dialog.getByText('職員編號或密碼不正確').waitFor();
    await dialog.getByLabel(t('auth.signIn.password')).fill(SUPERVISOR.password);
    await dialog.getByRole('button', { name: t('approval.bulk.submit') }).click();
    await dialog.getByText(t('approval.bulk.result', { approved: 2, refused: 1 })).waitFor();
    const refused = dialog.getByRole('list', { name: t('approval.bulk.refusedList') });
    expect(await refused.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^澳門中間貿易有限公司.*：你尚未打開審閱此申請/)]);
    await expectAccessible(page, 'bulk approval result with a refusal');
    await dialog.getByRole('button', { name: t('approval.review.back') }).click();
    await expect.poll(async () => (await queueRows(page)).length).toBe(2);

    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: t('approval.report.title'), level: 1 }).waitFor();
    // The report for the day they were taken in, which is not today if the run crossed Macau midnight.
    await page
      .locator('.day-end')
      .getByLabel(t('approval.report.day', { day: '' }).trim())
      .fill(takenInDay(apps.bulk1));
    await page.getByRole('button', { name: t('approval.report.title'), exact: true }).click();
    const total = page.getByRole('row').filter({ hasText: t('approval.report.total') });
    await total.waitFor();
    const cells = await total.locator('td').allTextContents();
    // received, recorded, drafts, submitted, approved, rejected, returned, pending, ...
    expect(cells.slice(0, 8)).toEqual(['6', '6', '0', '6', '3', '1', '0', '2']);
    // Nothing has reached the central API yet: the report says so instead of "balanced".
    await page
      .getByRole('status')
      .filter({ hasText: t('approval.report.difference', { check: t('approval.report.check.all_synced'), left: 6, right: 0, difference: '+6' }) })
      .waitFor();
    expect(await page.getByText(t('approval.report.balanced')).count()).toBe(0);
    await expectAccessible(page, 'day-end report');

    // The clerk counted seven paper forms but six were recorded: the report shows where.
    await page.getByLabel(t('approval.report.paperCount')).fill('7');
    await page.getByRole('button', { name: t('approval.report.title'), exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('approval.report.difference', { check: t('approval.report.check.received_equals_recorded'), left: 7, right: 6, difference: '+1' }) })
      .waitFor();
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
    expect(csv).toContain(t('approval.report.difference', { check: t('approval.report.check.received_equals_recorded'), left: 7, right: 6, difference: '+1' }));
    expect(problems).toEqual([]);
  });
});

describe('the clerk’s side of a decision, through the intake screens', () => {
  let returned: PendingApplication;
  // FAQ 8: two pending applications by the same name (different numbers); the clerk recorded
  // on the second that the first is another entity, the first has nothing recorded.
  let sameName: PendingApplication;
  let sameNameRecorded: PendingApplication;
  const DISTINCT_REASON = '兩者的商業登記編號及地址均不同';

  const counter = counterPerDescribe(
    async (dataDir) => {
      configureWorkstation(dataDir);
      await enrolUsers(dataDir, [CLERK, SUPERVISOR]);
      [returned] = seedPendingApplications(dataDir, CLERK, [
        // The admins' ID copies scanned too: the clerk submits it again after the correction.
        { nameZh: '澳門退回更正有限公司', namePt: 'Correcção Comércio, Limitada', submittedMinutesAgo: 1, idCopiesScanned: true },
      ]) as [PendingApplication];
      const names = { nameZh: '澳門同名貿易有限公司', namePt: 'Mesmo Nome Comércio, Limitada' };
      [sameName] = seedPendingApplications(dataDir, CLERK, [{ ...names, submittedMinutesAgo: 3 }]) as [PendingApplication];
      [sameNameRecorded] = seedPendingApplications(dataDir, CLERK, [
        {
          ...names,
          submittedMinutesAgo: 2,
          distinctEntities: {
            [`application.${sameName.id}`]: {
              reason: DISTINCT_REASON,
              subject: sameName.applicationNumber,
              by: CLERK.staffNumber,
              at: new Date().toISOString(),
            },
          },
        },
      ]) as [PendingApplication];
    },
    { timeout: 10_000 },
  );
  beforeEach(() => backToSignIn(counter.page));

  it('the clerk takes a company in and submits it; a supervisor approves it; the clerk sees it approved', async () => {
    const { page, problems } = counter;
    await signIn(page, CLERK);
    await newApplication(page);
    const entity = page.getByRole('group', { name: t('intake.section.entity') });
    await entity.getByLabel(t('intake.entity.type')).selectOption('company');
    await entity.getByLabel(t('intake.entity.nameZh')).fill('澳門櫃檯收件有限公司');
    await entity.getByLabel(t('intake.entity.namePt')).fill('Balcão Comércio, Limitada');
    await entity.getByLabel(t('intake.entity.commercialRegistration')).fill('55555 SO');
    await entity.getByLabel(t('intake.entity.taxpayerNumber')).fill('80555555');
    await entity.getByLabel(t('intake.entity.addressZh')).fill('澳門南灣大馬路 5 號');
    await page
      .getByRole('group', { name: t('intake.section.contact') })
      .getByLabel(t('intake.contact.phone'))
      .fill('28555555');
    await page
      .getByRole('group', { name: t('intake.section.lrs') })
      .getByRole('button', { name: t('intake.lr.add') })
      .click();
    const lr = page.getByRole('group', { name: t('intake.lr.n', { n: 1 }) });
    await lr.getByLabel(t('intake.person.name')).fill('何志明');
    await lr.getByLabel(t('intake.person.idType')).selectOption('mo_bir_permanent');
    await lr.getByLabel(t('intake.person.idNumber')).fill('5555555(5)');
    await lr.getByLabel(t('intake.person.specimen')).selectOption('yes');
    const lrId = (await lr.getAttribute('data-person')) ?? '';
    await page
      .getByRole('group', { name: t('intake.section.admins') })
      .getByRole('button', { name: t('intake.admin.addLr', { name: '何志明' }) })
      .click();
    const admin = page.getByRole('group', { name: t('intake.admin.n', { n: 1 }) });
    await admin.getByLabel(t('intake.person.mobile')).fill('66555555');
    await admin.getByLabel(t('intake.person.email')).fill('ho@balcao.mo');
    await page.locator(`[data-sighting="lr.${lrId}.id"]`).selectOption('original');
    await page.locator(`[data-sighting="admin.${lrId}.id"]`).selectOption('copy');
    // The admin's ID copy the counter keeps is scanned too (ps-2112a).
    await page
      .locator(`.checklist li:has([data-sighting="admin.${lrId}.id"])`)
      .locator('input[type=file]')
      .setInputFiles({ name: 'admin-id.png', mimeType: 'image/png', buffer: scanFixtures.png });
    await expect.poll(() => page.locator(`[data-req="admin.${lrId}.id-copy"]`).getAttribute('class'), { timeout: 15_000 }).toContain('req-met');
    for (const paper of ['application_form', 'agreement', 'admin_form']) await page.locator(`[data-sighting="paper.${paper}"]`).selectOption('original');
    const boxes = page.locator('.checklist input[type=checkbox][data-check]:not(:checked)');
    while ((await boxes.count()) > 0) await boxes.first().check();
    await expect.poll(() => page.getByTestId('blocking-count').textContent()).toBe(t('intake.check.ready'));
    await saved(page);
    // Ctrl+Enter with nothing blocking shows the summary; its own button submits (issue 13 item 13).
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('application-number').waitFor();
    const number = (await page.getByTestId('application-number').textContent()) ?? '';
    expect(await page.getByTestId('intake-status').textContent()).toBe(t('status.app.pending_approval'));
    await signOut(page);

    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    const row = page.locator('.approval-queue tbody tr').filter({ hasText: '澳門櫃檯收件有限公司' });
    await row.waitFor();
    expect(await row.textContent()).toContain(number);
    expect(await row.textContent()).toContain(`${CLERK.displayName} (${CLERK.staffNumber})`);
    await row.getByRole('button', { name: t('approval.queue.open') }).click();
    await page.getByRole('heading', { name: `審閱申請 ${number}`, level: 1 }).waitFor();
    const data = page.getByRole('region', { name: t('approval.review.data') });
    expect(await data.locator('dt:has-text("中文名稱") + dd').first().textContent()).toBe('澳門櫃檯收件有限公司');
    expect(await data.textContent()).toContain(t('intake.admin.sameAsLr', { name: '何志明' }).split('：')[0] as string);
    // The ticks the clerk made at the counter, by name.
    expect(await page.locator('.review-checklist').textContent()).toContain(`${CLERK.displayName} (${CLERK.staffNumber})`);
    await approve(page);
    await signOut(page);

    await signIn(page, CLERK);
    expect(await openFromWorkList(page, '澳門櫃檯收件有限公司')).toContain(t('status.app.approved'));
    await expect.poll(() => page.locator('.decision-notice').textContent()).toContain(`${SUPERVISOR.displayName}`);
    expect(await page.locator('.decision-notice').textContent()).toContain('批准此申請');
    expect(problems).toEqual([]);
  });

  it('returned for correction: the clerk reads the notes, corrects and resubmits; it is back in the queue marked resubmitted', async () => {
    const { page, problems } = counter;
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    await openReview(page, returned);
    await returnForCorrection(page, '葡文名稱與商業登記證明不符，應為 Correcção Comercial, Limitada。');
    expect(await page.locator(`tr[data-application-id="${returned.id}"]`).count()).toBe(0);
    await signOut(page);

    await signIn(page, CLERK);
    expect(await openFromWorkList(page, '澳門退回更正有限公司')).toContain(t('status.app.returned'));
    await page.getByRole('heading', { name: `首次申請 ${returned.applicationNumber}`, level: 1 }).waitFor();
    const notice = page.locator('.decision-notice');
    await expect.poll(() => notice.textContent()).toContain('退回此申請更正：葡文名稱與商業登記證明不符，應為 Correcção Comercial, Limitada。');
    expect(await notice.textContent()).toContain(SUPERVISOR.displayName);
    await expectAccessible(page, 'returned form with the supervisor’s notes');

    // Editable again: the clerk corrects the name and resubmits.
    const pt = page.getByRole('group', { name: t('intake.section.entity') }).getByLabel(t('intake.entity.namePt'));
    expect(await pt.getAttribute('readonly')).toBeNull();
    await pt.fill('Correcção Comercial, Limitada');
    await saved(page);
    await page.getByTestId('submit').click();
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByTestId('intake-status').textContent()).toBe(t('status.app.pending_approval'));
    // The number it was first submitted with, not a new one.
    expect(await page.getByTestId('application-number').textContent()).toBe(returned.applicationNumber);
    await signOut(page);

    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    const back = page.locator(`tr[data-application-id="${returned.id}"]`);
    await back.waitFor();
    expect(await back.textContent()).toContain(t('approval.queue.resubmitted'));
    await openReview(page, returned);
    expect(
      await page
        .getByRole('region', { name: t('approval.review.data') })
        .locator('dt:has-text("葡文名稱") + dd')
        .first()
        .textContent(),
    ).toBe('Correcção Comercial, Limitada');
    // Issue 13 item 11: what the clerk changed since the last submission, old → new, and the rules' verdict beside the data.
    const changes = page.getByRole('region', { name: t('approval.changes.title') });
    const changed = changes.getByRole('row', { name: new RegExp(t('intake.entity.namePt')) });
    expect(await changed.locator('.changed-after').textContent()).toBe('Correcção Comercial, Limitada');
    expect(await changed.locator('.changed-before').textContent()).not.toBe('Correcção Comercial, Limitada');
    // Fields the clerk did not touch are not listed (the seeded scans the core re-read may be).
    expect(await changes.getByRole('row', { name: new RegExp(t('intake.entity.nameZh')) }).count()).toBe(0);
    await page.getByRole('region', { name: t('approval.rules.title') }).waitFor();
    await changes.scrollIntoViewIfNeeded();
    mkdirSync(join(process.cwd(), '.tmp', 'screens'), { recursive: true });
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'screens', 'item11-after-review-changes-and-rules.png') });
    const history = await page.locator('.review-history li').allTextContents();
    expect(history.map((h) => /草稿|待審批|退回更正/.exec(h)?.[0])).toEqual([
      t('status.app.draft'),
      t('status.app.pending_approval'),
      t('status.app.returned'),
      t('status.app.pending_approval'),
    ]);
    await expectAccessible(page, 'review of a resubmitted form');
    expect(problems).toEqual([]);
  });

  it('FAQ 8 in the review: the core’s rule results — a same-name application unrecorded blocks, what the clerk recorded is shown with the reason', async () => {
    const { page, problems } = counter;
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    const open = async (a: PendingApplication) => {
      await openReview(page, a);
      return page.getByRole('region', { name: t('approval.rules.title') });
    };
    // Nothing recorded on the first: the other application by the same name needs attention, named by its number.
    let rules = await open(sameName);
    const unrecorded = rules.locator(`.review-rules-attention [data-req="entity.same-name.application.${sameNameRecorded.id}"]`);
    await unrecorded.waitFor();
    expect(await unrecorded.getAttribute('class')).toBe('rule-missing');
    expect(await unrecorded.textContent()).toContain(sameNameRecorded.applicationNumber);
    const faq8 = sourceMessage('FAQ 8');
    expect(await unrecorded.textContent()).toContain(t(faq8.key, faq8.params));
    await expectAccessible(page, 'review rules with an unrecorded same-name application');
    await page.keyboard.press('Escape');

    // The second: what the clerk recorded, who and why, under its own heading.
    rules = await open(sameNameRecorded);
    await rules.getByRole('heading', { name: t('approval.rules.recorded') }).waitFor();
    const recorded = rules.locator(`.review-rules-recorded [data-req="entity.same-name.application.${sameName.id}"]`);
    expect(await recorded.textContent()).toContain(DISTINCT_REASON);
    expect(await recorded.textContent()).toContain(sameName.applicationNumber);
    expect(await rules.locator('.review-rules-attention [data-req^="entity.same-name."]').count()).toBe(0);
    await rules.scrollIntoViewIfNeeded();
    mkdirSync(join(process.cwd(), '.tmp', 'screens'), { recursive: true });
    await page.screenshot({ path: join(process.cwd(), '.tmp', 'screens', 'faq8-review-rules.png') });
    await expectAccessible(page, 'review rules with what the clerk recorded');
    expect(problems).toEqual([]);
  });
});
