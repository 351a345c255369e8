import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { confirmDecision, openReview } from './support/approval-ui';
import { expectAccessible, callFromPage as call, backToSignIn } from './support/browser';
import { counterPerDescribe } from './support/counter';
import { newApplication, saved } from './support/intake-ui';
import { CLERK, CLERK_2, SUPERVISOR, enrolUsers, signIn, signOut, type TestUser } from './support/users';
import { configureWorkstation, seedPendingApplications, type PendingApplication } from './support/pending-applications';
import { t } from './support/ui-text';

const ADMIN: TestUser = { staffNumber: 'A0301', displayName: '黃管理', roles: ['workstation_admin'], password: 'admin-password-1' };

describe('sign-in, idle lock and lockout through the real UI', () => {
  let pending: PendingApplication;
  const counter = counterPerDescribe(
    async (dataDir) => {
      configureWorkstation(dataDir);
      await enrolUsers(dataDir, [CLERK, CLERK_2, SUPERVISOR, ADMIN]);
      [pending] = seedPendingApplications(dataDir, CLERK, [{ nameZh: '澳門閒置測試有限公司', namePt: 'Teste de Inactividade, Limitada' }]) as [
        PendingApplication,
      ];
    },
    // The renderer's idle timer runs on the page clock, which the test fast-forwards.
    { timeout: 10_000, beforeLoad: (p) => p.clock.install() },
  );

  beforeAll(async () => {
    // The workstation administrator sets a short idle lock and a low lockout threshold on
    // the users screen's sign-in settings.
    const { page } = counter;
    await signIn(page, ADMIN);
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: t('users.title'), level: 1 }).waitFor();
    await page.getByLabel(t('auth.enrolment.publicKey')).waitFor();
    const failures = page.getByLabel(t('auth.settings.maxFailures'));
    // The form shows the current values once they are loaded (expect.poll is for tests only).
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLInputElement>('.sign-in-settings input')].some((i) => i.value === '5'));
    expect(await failures.inputValue()).toBe('5');
    await failures.fill('21');
    await failures.blur();
    await page.getByText(t('auth.settings.outOfRange', { min: 1, max: 20 })).waitFor();
    expect(await page.getByRole('button', { name: t('auth.settings.save') }).isDisabled()).toBe(true);
    await expectAccessible(page, 'sign-in settings with an out-of-range value');
    await failures.fill('3');
    await page.getByLabel(t('auth.settings.idleMinutes')).fill('2');
    await page.getByRole('button', { name: t('auth.settings.save') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('auth.settings.saved') })
      .waitFor();
    expect(await call(page, 'auth.settings', {})).toMatchObject({ ok: true, value: { idleMinutes: 2, maxFailures: 3 } });
    // The core refuses what the form would not send.
    expect(await call(page, 'auth.setSetting', { key: 'auth.maxFailures', value: 50 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expectAccessible(page, 'sign-in settings saved');
    await signOut(page);
  });
  beforeEach(() => backToSignIn(counter.page));

  it('only the administrator changes sign-in settings', async () => {
    const { page } = counter;
    await signIn(page, CLERK);
    expect(await call(page, 'auth.setSetting', { key: 'auth.maxFailures', value: 20 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('the idle lock covers the open form and keeps what was typed; the wrong password does not unlock', async () => {
    const { page } = counter;
    await signIn(page, SUPERVISOR);
    await page.keyboard.press('Alt+2');
    await openReview(page, pending);
    await page.getByRole('radio', { name: t('approval.decide.return') }).check();
    await page.getByLabel(t('approval.decide.notes')).fill('第二頁管理人簽名與證件不符，請核對。');

    // One minute idle: still open. Past two: locked.
    await page.clock.fastForward('01:00');
    expect(await page.getByRole('dialog', { name: t('auth.lock.title') }).count()).toBe(0);
    await page.clock.fastForward('01:10');
    const lock = page.getByRole('dialog', { name: t('auth.lock.title') });
    await lock.waitFor();
    expect(await lock.textContent()).toContain(SUPERVISOR.displayName);
    await expectAccessible(page, 'lock screen');
    // The core is locked too: the page's calls are refused until unlocked.
    expect(await call(page, 'approval.queue', {})).toMatchObject({ ok: false, error: { code: 'unauthorised', messageKey: 'auth.error.locked' } });

    await lock.getByLabel(t('auth.signIn.password')).fill('wrong-password');
    await lock.getByRole('button', { name: t('auth.lock.unlock') }).click();
    await lock.getByText(t('auth.error.invalidCredentials', { remaining: 2 })).waitFor();
    await lock.getByLabel(t('auth.signIn.password')).fill(SUPERVISOR.password);
    await lock.getByRole('button', { name: t('auth.lock.unlock') }).click();
    await lock.waitFor({ state: 'detached' });
    expect(await page.getByLabel(t('approval.decide.notes')).inputValue()).toBe('第二頁管理人簽名與證件不符，請核對。');
    expect(await page.getByRole('radio', { name: t('approval.decide.return') }).isChecked()).toBe(true);
    // And the form still works: the return goes through.
    await confirmDecision(page, 'returned');
  });

  it('the idle lock keeps the clerk’s open intake form: what was typed stays, and it saves again after unlock', async () => {
    const { page, problems } = counter;
    await signIn(page, CLERK);
    await newApplication(page);
    const entity = page.getByRole('group', { name: t('intake.section.entity') });
    await entity.getByLabel(t('intake.entity.type')).selectOption('company');
    await entity.getByLabel(t('intake.entity.nameZh')).fill('澳門午休測試有限公司');
    await entity.getByLabel(t('intake.entity.commercialRegistration')).fill('31415 SO');
    await saved(page);
    // The clerk types, then turns to the person at the counter and leaves the keyboard.
    await entity.getByLabel(t('intake.entity.namePt')).fill('Teste da Pausa, Limitada');

    await page.clock.fastForward('02:10');
    const lock = page.getByRole('dialog', { name: t('auth.lock.title') });
    await lock.waitFor();
    expect(await lock.textContent()).toContain(CLERK.displayName);
    expect(await call(page, 'intake.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorised', messageKey: 'auth.error.locked' } });
    await lock.getByLabel(t('auth.signIn.password')).fill(CLERK.password);
    await lock.getByRole('button', { name: t('auth.lock.unlock') }).click();
    await lock.waitFor({ state: 'detached' });

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('kind.first_application'));
    expect(await entity.getByLabel(t('intake.entity.nameZh')).inputValue()).toBe('澳門午休測試有限公司');
    expect(await entity.getByLabel(t('intake.entity.namePt')).inputValue()).toBe('Teste da Pausa, Limitada');
    expect(await entity.getByLabel(t('intake.entity.commercialRegistration')).inputValue()).toBe('31415 SO');
    expect(await entity.getByLabel(t('intake.entity.type')).inputValue()).toBe('company');
    // Still the same working form: the next keystrokes save, and all of it is in the core.
    await entity.getByLabel(t('intake.entity.taxpayerNumber')).fill('80314159');
    await saved(page);
    const list = (await call(page, 'intake.list', { query: '澳門午休測試' })) as { ok: boolean; value?: { id: string }[] };
    expect(list.value).toHaveLength(1);
    const stored = (await call(page, 'intake.get', { id: list.value![0]!.id })) as {
      value?: { application: { entity: { names: { pt?: string }; taxpayerNumber?: string } } };
    };
    expect(stored.value?.application.entity).toMatchObject({ names: { pt: 'Teste da Pausa, Limitada' }, taxpayerNumber: '80314159' });
    expect(problems).toEqual([]);
  });

  it('after the configured number of failures the account is locked out with a clear message, and the right password is refused', async () => {
    const { page, problems } = counter;
    const staff = page.getByLabel(t('auth.signIn.staffNumber'));
    const password = page.getByLabel(t('auth.signIn.password'), { exact: true });
    await staff.fill(CLERK_2.staffNumber);
    for (const remaining of [2, 1]) {
      await password.fill('not-the-password');
      await password.press('Enter');
      await page
        .getByRole('alert')
        .filter({ hasText: `尚可嘗試 ${remaining} 次` })
        .waitFor();
    }
    await password.fill('not-the-password');
    await password.press('Enter');
    await page
      .getByRole('alert')
      .filter({ hasText: t('auth.error.lockedOut', { minutes: 15 }) })
      .waitFor();
    await expectAccessible(page, 'sign-in, locked out');

    await password.fill(CLERK_2.password);
    await password.press('Enter');
    await page.getByRole('alert').filter({ hasText: '帳戶已暫時鎖定' }).waitFor();
    expect(await page.getByRole('button', { name: t('auth.signOut') }).count()).toBe(0);
    // Another user is not affected.
    await signIn(page, CLERK);
    expect(problems).toEqual([]);
  });
});
