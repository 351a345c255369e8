import { describe, expect, it } from 'vitest';
import { expectAccessible } from './support/browser';
import { counterPerDescribe } from './support/counter';
import { newApplication, saved } from './support/intake-ui';
import { CLERK, enrolUsers, signIn } from './support/users';
import { t } from './support/ui-text';

// Issue 4 item 5 as a clerk meets it: the form's history, opened from the intake screen,
// says who created and edited it, in Traditional Chinese, and follows further typing.
describe('application history through the real UI', () => {
  const counter = counterPerDescribe((dataDir) => enrolUsers(dataDir));

  it('shows created and edited, by whom, and the saves made while it is open', async () => {
    const { page, problems } = counter;
    await signIn(page, CLERK);

    await newApplication(page);
    await page.getByLabel(t('intake.entity.nameZh')).fill('澳門街坊互助會');
    await saved(page);

    const toggle = page.getByRole('button', { name: t('history.show') });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: t('history.title') });
    await table.waitFor();
    const whats = () => table.locator('tbody tr td:nth-child(4)').allTextContents();
    const whos = () => table.locator('tbody tr td:nth-child(2)').allTextContents();
    await expect.poll(whats).toEqual([`${t('history.action.create')} · ${t('kind.first_application')}`, expect.stringMatching(/^編輯/)]);
    expect(await whos()).toEqual([`${CLERK.displayName} (${CLERK.staffNumber})`, `${CLERK.displayName} (${CLERK.staffNumber})`]);
    // Macau time in the first column, never raw ISO text.
    expect((await table.locator('tbody tr td:nth-child(1)').first().textContent()) ?? '').not.toContain('T');
    // Nothing personal typed into the form appears in the history.
    expect(await table.textContent()).not.toContain('澳門街坊互助會');
    await expectAccessible(page, 'intake form with history open');

    // More typing while it is open: still one edit entry, now counting the saves.
    await page.getByLabel(t('intake.entity.namePt')).fill('Associação de Moradores de Macau');
    await saved(page);
    await expect.poll(async () => (await whats())[1]).toMatch(/^編輯 · 共儲存 \d+ 次$/);
    expect((await whats()).length).toBe(2);

    await page.getByRole('button', { name: t('history.hide') }).click();
    await table.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });
});
