import type { usersContract } from '../../api/contracts/users-contract';
import type { UserAdminRefusalCode } from '../auth/user-admin';
import type { CoreServices } from '../core/core-deps';
import type { AreaHandlers } from './area-handlers';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';

/** The user administration's refusals as the administrator reads them (issue 13, item 1). */
export const USERS_REFUSALS: RefusalTable<UserAdminRefusalCode> = {
  ...SESSION_REFUSALS,
  user_exists: { code: 'conflict', key: 'users.error.exists' },
  user_not_found: { code: 'not_found', key: 'users.error.notFound' },
  weak_password: { code: 'refused', key: 'users.error.weakPassword' },
  not_yourself: { code: 'refused', key: 'users.error.notYourself' },
  last_admin: { code: 'refused', key: 'users.error.lastAdmin' },
  managed_centrally: { code: 'refused', key: 'users.error.managedCentrally' },
};

export function createUsersHandlers(services: Pick<CoreServices, 'users' | 'auth'>): AreaHandlers<typeof usersContract> {
  const users = () => services.users;
  return mappingRefusals(USERS_REFUSALS, {
    'users.list': () => users().list(),
    'users.create': (input) => users().create(input),
    'users.resetPassword': (input) => users().resetPassword(input),
    'users.setActive': (input) => users().setActive(input),
    'users.unlock': (input) => users().unlock(input),
    'users.passwordChangeRequired': () => ({
      // Asked while the change is still due, so it may not be refused for being due.
      required: users().mustChangePassword(services.auth.requireUser(undefined, { passwordChange: true }).userId),
    }),
  });
}
