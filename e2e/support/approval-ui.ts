import type { Page } from 'playwright-core';
import { t } from './ui-text';

// Steps of the supervisor's approval screens that several E2E files take the same way.

/** On the approval queue, the application's Open button: its review on screen. */
export async function openReview(page: Page, application: { id: string; applicationNumber: string }): Promise<void> {
  await page
    .locator(`tr[data-application-id="${application.id}"]`)
    .getByRole('button', { name: t('approval.queue.open') })
    .click();
  await page.getByRole('heading', { name: t('approval.review.title', { number: application.applicationNumber }), level: 1 }).waitFor();
}

/** The review's Confirm button, until the status line says the decision was recorded. */
export async function confirmDecision(page: Page, done: 'approved' | 'returned' | 'rejected'): Promise<void> {
  await page.getByRole('button', { name: t('approval.decide.confirm') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: t(`approval.decide.done.${done}`) })
    .waitFor();
}

/** Approve in the open review and confirm. */
export async function approve(page: Page): Promise<void> {
  await page.getByRole('radio', { name: t('approval.decide.approve'), exact: true }).check();
  await confirmDecision(page, 'approved');
}

/** Return the open review for correction with the supervisor's notes, and confirm. */
export async function returnForCorrection(page: Page, notes: string): Promise<void> {
  await page.getByRole('radio', { name: t('approval.decide.return') }).check();
  await page.getByLabel(t('approval.decide.notes')).fill(notes);
  await confirmDecision(page, 'returned');
}
