import type { Role } from '../../domain/workflow';
import { hashPassword } from '../auth/password-verifier';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createUsersRepo } from '../auth/users-repo';
import type { AppCore } from './app-core';

/**
 * Tests that exercise other areas through a whole core need someone signed in. Enrolment
 * proper (signed file, first-run set-up) has its own tests; here a user is written straight
 * into the store, then signed in through the API like the renderer would.
 */
export async function seedUser(core: AppCore, staffNumber: string, roles: Role[], password = `pw-${staffNumber}-long`): Promise<string> {
  const users = createUsersRepo(core.store.db, () => new Date().toISOString());
  users.upsert({
    staffNumber,
    displayName: `職員 ${staffNumber}`,
    roles,
    servicePoints: [core.config.servicePoint.code],
    passwordVerifier: await hashPassword(password, TEST_PASSWORD_PARAMS),
    active: true,
  });
  return password;
}

export async function signInAs(core: AppCore, staffNumber: string, roles: Role[] = ['clerk']): Promise<void> {
  const password = await seedUser(core, staffNumber, roles);
  const r = await core.dispatch('auth.signIn', { staffNumber, password }, { transport: 'ipc' });
  if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r.error)}`);
}
