import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Steps of the clerk's intake screens that several E2E files take the same way.

/** From the work list, Alt+N and Start: an empty first application on screen. */
export async function newApplication(page: Page): Promise<void> {
  await page.getByRole('heading', { name: '今日申請', level: 1 }).waitFor();
  await page.keyboard.press('Alt+N');
  await page.getByRole('heading', { name: '新增申請', level: 1 }).waitFor();
  await page.getByRole('button', { name: '開始' }).click();
  await page.getByRole('heading', { name: '首次申請', level: 1 }).waitFor();
}

/** Until the form says everything typed is saved. */
export async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe('已儲存');
}
