import { describe, expect, it } from 'vitest';
import { expectAccessible, callFromPage } from './support/browser';
import { counterPerDescribe } from './support/counter';
import { configureWorkstation } from './support/pending-applications';
import { signOut, typeSignIn } from './support/users';
import { t } from './support/ui-text';

// Issue 13, item 1, as a new service point lives it: a fresh workstation, its administrator
// set up on first run, a clerk created on the Users screen, and the clerk's first sign-in
// with the temporary password, which must be replaced before any work. No file, no code.

describe('a new service point gets its first clerk working through the UI alone', () => {
  const counter = counterPerDescribe((dataDir) => configureWorkstation(dataDir), { timeout: 15_000 });

  it('first run, a clerk created by the administrator, and the clerk’s forced password change', async () => {
    const { app, page, problems } = counter;
    // First run: the administrator.
    await page.getByRole('heading', { name: t('auth.setup.title'), level: 1 }).waitFor();
    // The one-time code the harness printed for whoever started it (issue 12 item 2).
    await page.getByLabel(t('auth.setup.code')).fill(app.setupCode ?? '');
    await page.getByLabel(t('auth.signIn.staffNumber')).fill('A0001');
    await page.getByLabel(t('auth.setup.displayName')).fill('黃管理');
    await page.getByLabel(t('auth.signIn.password'), { exact: true }).fill('admin-password-1');
    await page.getByLabel(t('auth.setup.confirm')).fill('admin-password-1');
    await page.getByRole('button', { name: t('auth.setup.submit') }).click();
    // Not enrolled with a central server: this service point keeps its workstation standalone (issue 15).
    await page.getByRole('button', { name: t('firstRun.standalone') }).click();
    await page.getByRole('button', { name: t('auth.signOut') }).waitFor();

    // The Users screen: create a clerk by keyboard and form.
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: t('users.title'), level: 1 }).waitFor();
    await page.getByLabel(t('users.create.staffNumber')).fill('C0101');
    await page.getByLabel(t('users.create.displayName')).fill('陳文職');
    await page.getByLabel(t('users.create.password')).fill('short');
    await page.getByRole('button', { name: t('users.create.submit') }).click();
    await page.getByText(t('users.error.weakPassword', { min: 8 })).waitFor();
    await page.getByLabel(t('users.create.password')).fill('temporary-1');
    await page.getByRole('button', { name: t('users.create.submit') }).click();
    await page.getByText(t('users.create.done', { name: '陳文職', staffNumber: 'C0101' })).waitFor();
    const row = page.locator('tr[data-staff-number="C0101"]');
    expect(await row.textContent()).toContain(t('users.state.mustChange'));
    expect(await row.textContent()).toContain(t('auth.role.clerk'));
    await expectAccessible(page, 'users screen with a new clerk');
    await signOut(page);

    // The clerk's first sign-in: nothing but the password change until it is done.
    await typeSignIn(page, 'C0101', 'temporary-1');
    await page.getByRole('heading', { name: t('users.mustChange.title'), level: 1 }).waitFor();
    expect(await page.getByRole('navigation', { name: t('nav.label') }).count()).toBe(0);
    expect(await callFromPage(page, 'intake.list', {})).toMatchObject({ ok: false, error: { messageKey: 'auth.error.passwordChangeRequired' } });
    await expectAccessible(page, 'forced password change');
    await page.getByLabel(t('auth.password.current')).fill('temporary-1');
    await page.getByLabel(t('auth.password.new')).fill('my-own-password-1');
    await page.getByLabel(t('auth.setup.confirm')).fill('my-own-password-1');
    await page
      .getByRole('main')
      .getByRole('button', { name: t('auth.password.submit') })
      .click();
    await page.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
    expect(problems).toEqual([]);
  });

  it('the administrator deactivates the clerk, who can no longer sign in', async () => {
    const { page, problems } = counter;
    await signOut(page);
    await typeSignIn(page, 'A0001', 'admin-password-1');
    await page.getByRole('navigation', { name: t('nav.label') }).waitFor();
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: t('users.title'), level: 1 }).waitFor();
    await page.getByRole('button', { name: `${t('users.action.deactivate')}: 陳文職` }).click();
    await page.getByText(t('users.done.deactivated', { name: '陳文職' })).waitFor();
    expect(await page.locator('tr[data-staff-number="C0101"]').textContent()).toContain(t('users.state.inactive'));
    await signOut(page);
    await typeSignIn(page, 'C0101', 'my-own-password-1');
    await page.getByText(t('auth.error.invalidCredentials', { remaining: 4 })).waitFor();
    expect(problems).toEqual([]);
  });
});
