import { describe, expect, it } from 'vitest';
import { seedSubmittedApplication, type SubmittedApplication } from './support/applications';
import { expectAccessible } from './support/browser';
import { counterPerDescribe } from './support/counter';
import { CLERK, CLERK_2, enrolUsers, signIn } from './support/users';
import { t } from './support/ui-text';

// Issue 15, the public enquiry at any counter: a person comes back to another clerk's counter;
// that clerk finds the application by the entity's name (typed without accents) or an ID
// number, reads its status and history, and sees where the answer came from — here this
// workstation, which has never been connected to the central server. Keyboard only, axe clean.
describe('public enquiry through the real UI', () => {
  let seeded: SubmittedApplication;
  const counter = counterPerDescribe(async (dataDir) => {
    seeded = seedSubmittedApplication(dataDir, CLERK);
    await enrolUsers(dataDir);
  });

  it("another clerk finds the first clerk's application by name and by ID number, and reads its status and history", async () => {
    const { page, problems } = counter;
    await signIn(page, CLERK_2);

    // From the menu by keyboard: Alt+8, the field has the focus.
    await expect.poll(async () => page.getByRole('button', { name: new RegExp(t('enquiry.nav')) }).getAttribute('aria-keyshortcuts')).toBe('Alt+8');
    await page.keyboard.press('Alt+8');
    await page.getByRole('heading', { name: t('enquiry.title'), level: 1 }).waitFor();
    const field = page.getByLabel(t('enquiry.query'));
    await field.focus();
    await page.keyboard.type('EXEMPLO COMERCIO');
    await page.keyboard.press('Enter');

    const results = page.getByRole('table', { name: t('enquiry.results') });
    await results.waitFor();
    const status = page.getByRole('status').filter({ hasText: t('enquiry.source.workstationNever') });
    await status.waitFor();
    expect(await status.textContent()).toContain(t('enquiry.unavailable.not_enrolled'));
    expect(await status.textContent()).toContain(t('enquiry.count', { count: 1 }));
    const row = results.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('th').textContent()).toBe(seeded.applicationNumber);
    expect(await row.locator('td').nth(1).textContent()).toBe(t('status.app.pending_approval'));
    expect(await row.locator('td').nth(3).textContent()).toBe(t('enquiry.matched.entity_name'));
    expect(await row.locator('td').nth(0).textContent()).toContain(seeded.nameZh);
    await expectAccessible(page, 'enquiry results');

    // Open the history with the keyboard; the focus moves to it.
    await page.getByRole('button', { name: t('enquiry.open', { number: seeded.applicationNumber }) }).focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: t('enquiry.history.title', { number: seeded.applicationNumber }), level: 2 });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((h) => document.activeElement === h)).toBe(true);
    const history = page.locator('.enquiry-history tbody tr');
    expect(await history.count()).toBe(1);
    expect(await history.locator('td').nth(1).textContent()).toBe(t('status.app.pending_approval'));
    expect(await history.locator('td').nth(2).textContent()).toBe(`${CLERK.displayName} (${CLERK.staffNumber})`);
    await expectAccessible(page, 'enquiry history');

    // By a legal representative's ID number, typed as on the card: found, and the number is never shown back.
    await field.fill('1234567(8)');
    await field.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: t('enquiry.count', { count: 1 }) })
      .waitFor();
    expect(await results.locator('tbody tr td').nth(3).textContent()).toBe(t('enquiry.matched.id_number'));
    expect(await page.locator('main').textContent()).not.toContain('1234567');

    // Nothing found, and a query too short to look up, each said in words.
    await field.fill('Lisboa Imaginária');
    await field.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: t('enquiry.none', { query: 'Lisboa Imaginária' }) })
      .waitFor();
    await field.fill('ab');
    await field.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: t('enquiry.tooShort') })
      .waitFor();
    expect(problems).toEqual([]);
  });
});
