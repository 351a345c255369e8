import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startApp, newDataDir, type AppProcess } from './support/app-process';
import { approve, openReview } from './support/approval-ui';
import { expectAccessible, launchBrowser, watchPageErrors } from './support/browser';
import { CLERK, SUPERVISOR, enrolUsers, signIn, signOut } from './support/users';
import { configureWorkstation } from './support/pending-applications';
import { startCentralServer, enrolWorkstation, type CentralServer } from './support/sync-server';
import { seedSyncableDraft } from './support/synced-draft';
import { t } from './support/ui-text';
import { staffLabel } from '../domain/model/staff-label';

// Issue 15 on a new deployment: the central server requires every op to be attested by its
// person's server session (`sync.sessionRequired`, on from the first enrolment code as the admin
// CLI issues it; docs/sync-protocol.md §4.1). Through the UI of two harness workstations:
// 1. the clerk signs in on A while the server is down and submits; the bar says it waits; the
//    server comes back and it is sent, attested on the server by the clerk's own session;
// 2. the supervisor on B approves it from the queue with its scan; the clerk on A sees it approved;
// 3. work the clerk did signed in offline and then signed out waits for the clerk: the bar says
//    so in plain words, and it is sent once the clerk signs in again.

const SP = 'SP01';
const FIRST = { zh: '澳門會話測試貿易有限公司', pt: 'Comércio Sessão de Teste, Limitada' };
const SECOND = { zh: '澳門下班前提交有限公司', pt: 'Entregue Antes do Fim do Turno, Limitada' };

interface OpRow {
  type: string;
  actor: string;
  session_id: string | null;
  session_person: string | null;
  session_workstation: string | null;
}

describe('a new deployment: every op attested by its person’s server session', () => {
  let server: CentralServer;
  let a: AppProcess;
  let b: AppProcess;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let problems: string[][] = [];
  let first: string;
  let second: string;
  let firstNumber = '';

  beforeAll(async () => {
    server = await startCentralServer({ servicePoint: SP, users: [CLERK, SUPERVISOR], newDeployment: true });
    const dirA = newDataDir();
    const dirB = newDataDir();
    configureWorkstation(dirA, 'W1', SP);
    configureWorkstation(dirB, 'W2', SP);
    await enrolUsers(dirA, [CLERK]);
    await enrolUsers(dirB, [SUPERVISOR]);
    await enrolWorkstation(dirA, server.url, await server.enrolmentCode(SP, 'W1'));
    await enrolWorkstation(dirB, server.url, await server.enrolmentCode(SP, 'W2'));
    first = seedSyncableDraft(dirA, CLERK, FIRST, 1).id;
    second = seedSyncableDraft(dirA, CLERK, SECOND, 2).id;
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

  const syncText = async (p: Page) => (await p.getByTestId('status-sync').textContent()) ?? '';
  /** Polls the status bar until `done` says so; returns every line it showed meanwhile, for what it must never have said. */
  const barUntil = async (p: Page, done: (line: string) => boolean, timeout: number) => {
    const shown: string[] = [];
    await expect
      .poll(
        async () => {
          const line = await syncText(p);
          if (shown.at(-1) !== line) shown.push(line);
          return done(line);
        },
        { timeout },
      )
      .toBe(true);
    return shown;
  };
  const allSent = new RegExp(t('sync.bar.allSent', { time: '\\d\\d:\\d\\d' }));
  const sent = (line: string) => allSent.test(line);
  /** What the bar says when the clerk's work waits for the clerk to sign in. */
  // The bar names the person as the screens do, by name and staff number.
  const waitsForClerk = t('sync.status.error.needsSession', { staffNumber: staffLabel(CLERK.displayName, CLERK.staffNumber) });
  /** "Last error (…" as the bar words a failure. */
  const lastErrorWords = t('sync.bar.lastError', { time: '\u0000', message: '' }).split('\u0000')[0] ?? '';

  /** The ops the server recorded for an application, with the person and workstation of the session that attested each. */
  const serverOps = (applicationId: string) =>
    server.sql()<OpRow[]>`
      SELECT o.type, o.actor, o.session_id::text AS session_id, s.staff_number AS session_person, s.workstation_id AS session_workstation
      FROM ops o LEFT JOIN sessions s ON s.id = o.session_id
      WHERE o.record_id = ${applicationId}::uuid ORDER BY o.client_seq`;

  /** The sync details panel's "retry now", as the clerk uses it once the server is back (no waiting out the back-off). */
  const retryNow = async (p: Page, screen: string) => {
    await p.getByRole('button', { name: t('sync.bar.details') }).click();
    await p.getByRole('dialog', { name: t('sync.details.title') }).waitFor();
    await expectAccessible(p, screen);
    await p.getByRole('button', { name: t('sync.details.retryNow') }).click();
    await p.getByRole('button', { name: t('sync.details.close') }).click();
  };

  /** Opens a draft from the clerk's work list and submits it; returns its application number. */
  const submitDraft = async (p: Page, nameZh: string) => {
    await p.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
    await p.getByRole('button', { name: nameZh }).click();
    await p.getByTestId('submit').click();
    await p.getByTestId('confirm-submit').click();
    const number = (await p.getByTestId('application-number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^SP01-W1-\d{8}-\d{4}-[0-9A-Z]$/);
    return number;
  };

  it('the clerk submits while the server is down; once it is back the submission is sent under the clerk’s own session', async () => {
    // What the admin CLI's first enrolment code did: this deployment requires sessions.
    const [setting] = await server.sql()<{ value: unknown }[]>`SELECT value FROM settings WHERE key = 'sync.sessionRequired'`;
    expect(setting?.value).toBe(true);
    await expect.poll(() => syncText(pageA), { timeout: 30_000 }).toContain(t('sync.bar.connected'));

    await server.stop();
    // Signing in never waits for the server: the clerk works at once.
    await signIn(pageA, CLERK);
    firstNumber = await submitDraft(pageA, FIRST.zh);
    await expect.poll(() => syncText(pageA), { timeout: 30_000 }).toContain(t('sync.bar.waiting', { count: 1 }));
    await expect.poll(() => syncText(pageA), { timeout: 30_000 }).toContain(t('sync.status.error.network'));
    await expectAccessible(pageA, 'workstation A: submitted while the server is down');

    await server.start();
    await retryNow(pageA, 'workstation A: sending details, the clerk signed in');
    const meanwhile = await barUntil(pageA, sent, 60_000);
    // Signed in all along: while the workstation confirms the clerk's sign-in with the server, the
    // clerk is never told to sign in (again) for their own work.
    expect(meanwhile.filter((line) => line.includes(waitsForClerk))).toEqual([]);
    await expectAccessible(pageA, 'workstation A: all sent');

    // On the server: every op of the application is the clerk's, attested by the clerk's session at W1.
    const ops = await serverOps(first);
    expect(ops.map((o) => o.type)).toContain('application.submit');
    for (const op of ops) {
      expect(op).toMatchObject({ actor: CLERK.staffNumber, session_person: CLERK.staffNumber });
      expect(op.session_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(op.session_workstation).toMatch(/W1$/);
    }
  }, 300_000);

  it('the supervisor on B approves it from the queue with its scan; the clerk on A sees it approved', async () => {
    await signIn(pageB, SUPERVISOR);
    await pageB.keyboard.press('Alt+2');
    await pageB.getByRole('heading', { name: t('approval.queue.title'), level: 1 }).waitFor();
    const row = pageB.locator(`tr[data-application-id="${first}"]`);
    await expect
      .poll(
        async () => {
          // The queue shows what was pulled when it opened: open it again until the submission arrived.
          if ((await row.count()) === 0) await pageB.keyboard.press('Alt+2');
          return row.count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await row.textContent()).toContain(firstNumber);
    await expectAccessible(pageB, 'workstation B: the queue');

    await openReview(pageB, { id: first, applicationNumber: firstNumber });
    await pageB.locator('.scan-frame img').waitFor({ timeout: 30_000 });
    expect(await pageB.locator('.scan-frame img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expectAccessible(pageB, 'workstation B: review with the scan fetched from the server');
    await approve(pageB);
    await barUntil(pageB, sent, 60_000);

    await pageA.keyboard.press('Alt+1');
    await pageA.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
    const mine = pageA.locator('table.worklist tr', { hasText: firstNumber });
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 30_000 }).toBe('approved');
    expect(await mine.textContent()).toContain(t('status.app.approved'));
    await expectAccessible(pageA, 'workstation A: the approval on the work list');

    // The decision too is attested, by the supervisor's session at W2.
    const decision = (await serverOps(first)).filter((o) => o.actor === SUPERVISOR.staffNumber);
    expect(decision.length).toBeGreaterThan(0);
    for (const op of decision) {
      expect(op.session_person).toBe(SUPERVISOR.staffNumber);
      expect(op.session_workstation).toMatch(/W2$/);
    }
  }, 300_000);

  it('work done signed in offline and then signed out waits for the clerk, in plain words, and is sent when they sign in again', async () => {
    const before = await serverOps(first);
    await server.stop();
    // A new sign-in while the server is down: no server session for it yet.
    await signOut(pageA);
    await signIn(pageA, CLERK);
    await submitDraft(pageA, SECOND.zh);
    await expect.poll(() => syncText(pageA), { timeout: 30_000 }).toContain(t('sync.bar.waiting', { count: 1 }));
    // The shift ends before the server is back.
    await signOut(pageA);

    await server.start();
    await retryNow(pageA, 'workstation A: sending details on the sign-in screen');
    // On the sign-in screen, whoever comes to the counter reads whose sign-in the work waits for:
    // a wait, not an error, and nothing else is wrong.
    await barUntil(pageA, (line) => line.includes(waitsForClerk), 60_000);
    const waiting = await syncText(pageA);
    expect(waiting).toContain(t('sync.bar.waiting', { count: 1 }));
    expect(waiting).not.toContain(lastErrorWords);
    expect(await serverOps(second)).toEqual([]);
    await expectAccessible(pageA, 'workstation A: signed out, work waiting for the clerk’s sign-in');

    await signIn(pageA, CLERK);
    await barUntil(pageA, sent, 60_000);
    const ops = await serverOps(second);
    expect(ops.map((o) => o.type)).toContain('application.submit');
    // Attested by the session the clerk opened by signing in again, not the earlier one.
    const earlier = new Set(before.map((o) => o.session_id));
    for (const op of ops) {
      expect(op).toMatchObject({ actor: CLERK.staffNumber, session_person: CLERK.staffNumber });
      expect(earlier.has(op.session_id)).toBe(false);
    }
    await expectAccessible(pageA, 'workstation A: signed in again, all sent');
    expect(problems.flat()).toEqual([]);
  }, 300_000);
});
