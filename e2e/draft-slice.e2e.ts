import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/browser';
import { counterPerDescribe } from './support/counter';
import { saved } from './support/intake-ui';
import { CLERK, CLERK_2, enrolUsers, signIn } from './support/users';
import { t } from './support/ui-text';

// The walking skeleton's slice on the intake screens, as a clerk does it: create a draft,
// type the entity, see it in the work list, close the app, start it again, and find the
// draft as it was typed; the next clerk sees none of it.
describe('draft slice through the real UI', () => {
  const counter = counterPerDescribe((dataDir) => enrolUsers(dataDir));

  it('creates a draft, lists it, and reopens it after a restart', async () => {
    const { page, problems } = counter;
    await expectAccessible(page, 'sign-in');
    await signIn(page, CLERK);

    // Traditional Chinese by default.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(t('worklist.title'));
    await expect.poll(() => page.getByTestId('status-sync').textContent()).toContain(t('status.sync.notConfigured'));
    await expect.poll(() => page.getByTestId('status-db').textContent()).toContain(t('status.db.ok'));
    await expectAccessible(page, 'work list (empty)');

    // Keyboard first: Alt+N starts a new application.
    await page.keyboard.press('Alt+N');
    await page.getByRole('heading', { name: t('intake.start.title'), level: 1 }).waitFor();
    await expectAccessible(page, 'start');
    await page.getByRole('button', { name: t('intake.start.go') }).click();
    await page.getByRole('heading', { name: t('kind.first_application'), level: 1 }).waitFor();
    await page.getByLabel(t('intake.entity.type')).selectOption('association');
    await page.getByLabel(t('intake.entity.nameZh')).fill('澳門街坊互助會');
    await page.getByLabel(t('intake.entity.namePt')).fill('Associação de Moradores de Macau');
    await saved(page);
    await expectAccessible(page, 'intake form');

    await page.keyboard.press('Escape');
    const row = page.getByRole('button', { name: '澳門街坊互助會 / Associação de Moradores de Macau' });
    await row.waitFor();
    expect(await page.getByRole('row').nth(1).textContent()).toContain(t('status.app.draft'));
    await expectAccessible(page, 'work list (one draft)');

    // Portuguese and English switchable at any time, labels change in place.
    await page.getByTestId('language').selectOption('pt');
    await page.getByRole('heading', { name: 'Pedidos de hoje' }).waitFor();
    await page.getByTestId('language').selectOption('en');
    await page.getByRole('heading', { name: "Today's applications" }).waitFor();
    await page.getByTestId('language').selectOption('zh-Hant');
    expect(problems).toEqual([]);

    // Close the app and start it again on the same data.
    const page2 = await counter.restart();
    await signIn(page2, CLERK);
    await page2.getByRole('button', { name: /澳門街坊互助會/ }).click();
    await page2.getByRole('heading', { name: t('kind.first_application'), level: 1 }).waitFor();
    await expect.poll(() => page2.getByLabel(t('intake.entity.nameZh')).inputValue()).toBe('澳門街坊互助會');
    expect(await page2.getByLabel(t('intake.entity.namePt')).inputValue()).toBe('Associação de Moradores de Macau');
    expect(await page2.getByLabel(t('intake.entity.type')).inputValue()).toBe('association');

    // Sessions are never shared: after sign-out the next clerk does not see this draft.
    await page2.getByRole('button', { name: t('auth.signOut') }).click();
    await signIn(page2, CLERK_2);
    await page2.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
    await expect.poll(() => page2.getByText(t('worklist.empty')).isVisible()).toBe(true);
    expect(await page2.getByRole('button', { name: /澳門街坊互助會/ }).count()).toBe(0);
  });
});
