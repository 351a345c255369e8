import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Role } from '../../domain/workflow';
import { hashPassword } from '../../services/auth/password-verifier';
import { TEST_PASSWORD_PARAMS } from '../../services/auth/test-support';
import { createUsersRepo } from '../../services/auth/users-repo';
import { loadOrCreateWorkstationConfig } from '../../services/core/workstation-config';
import { openStore } from '../../services/store';
import { loadOrCreateKeyFile } from '../../services/store/keys';
import { t } from './ui-text';
import { systemClock } from '../../services/core/clock';

export interface TestUser {
  staffNumber: string;
  displayName: string;
  roles: Role[];
  password: string;
}

export const CLERK: TestUser = { staffNumber: 'C0101', displayName: '陳文職', roles: ['clerk'], password: 'clerk-password-1' };
export const CLERK_2: TestUser = { staffNumber: 'C0102', displayName: 'Maria Lopes', roles: ['clerk'], password: 'clerk-password-2' };
export const SUPERVISOR: TestUser = { staffNumber: 'S0201', displayName: '李主管', roles: ['supervisor'], password: 'super-password-1' };

/**
 * Users enrolled before the app starts, as the signed enrolment file would leave them (its
 * import through the Users screen has its own tests). Written with the workstation's own key
 * file and config, into the data directory `startApp` is then given.
 */
export async function enrolUsers(dataDir: string, users: TestUser[] = [CLERK, CLERK_2, SUPERVISOR]): Promise<void> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const config = loadOrCreateWorkstationConfig(dataDir);
  const key = loadOrCreateKeyFile(join(dataDir, 'store.key'));
  const store = openStore({ dir: dataDir, key, workstationId: config.workstationId, clock: systemClock });
  try {
    const repo = createUsersRepo(store.db, () => new Date().toISOString());
    for (const u of users) {
      repo.upsert({
        staffNumber: u.staffNumber,
        displayName: u.displayName,
        roles: u.roles,
        servicePoints: [config.servicePoint.code],
        passwordVerifier: await hashPassword(u.password, TEST_PASSWORD_PARAMS),
        active: true,
      });
    }
  } finally {
    store.close();
  }
}

/** Signs in through the sign-in screen, as the person at the keyboard does (Traditional Chinese labels). */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  await typeSignIn(page, user.staffNumber, user.password);
  await page.getByRole('button', { name: t('auth.signOut') }).waitFor();
}

/**
 * Types a staff number and password on the sign-in screen and presses Enter, whatever comes
 * next: a refusal, or a first sign-in that must change its password before anything else.
 */
export async function typeSignIn(page: Page, staffNumber: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: t('auth.signIn.title'), level: 1 }).waitFor();
  await page.getByLabel(t('auth.signIn.staffNumber')).fill(staffNumber);
  await page.getByLabel(t('auth.signIn.password'), { exact: true }).fill(password);
  await page.getByLabel(t('auth.signIn.password'), { exact: true }).press('Enter');
}

/** The Sign out button, until the sign-in screen is back. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: t('auth.signOut') }).click();
  await page.getByRole('heading', { name: t('auth.signIn.title'), level: 1 }).waitFor();
}
