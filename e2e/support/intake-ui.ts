import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { t } from './ui-text';

// Steps of the clerk's intake screens that several E2E files take the same way.

/** From the work list, Alt+N and Start: an empty first application on screen. */
export async function newApplication(page: Page): Promise<void> {
  await page.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
  await page.keyboard.press('Alt+N');
  await page.getByRole('heading', { name: t('intake.start.title'), level: 1 }).waitFor();
  await page.getByRole('button', { name: t('intake.start.go') }).click();
  await page.getByRole('heading', { name: t('kind.first_application'), level: 1 }).waitFor();
}

/** Until the form says everything typed is saved. */
export async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe(t('intake.save.saved'));
}

/**
 * On the work list, the row of the application taken in for `nameZh`: waits for it and opens
 * it. Returns what the row said before it was opened (status, number) for the test to check.
 */
export async function openFromWorkList(page: Page, nameZh: string): Promise<string> {
  const row = page.getByRole('row').filter({ hasText: nameZh });
  await row.waitFor();
  const text = (await row.textContent()) ?? '';
  await row.getByRole('button', { name: new RegExp(nameZh.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
  return text;
}
