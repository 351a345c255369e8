import type { SessionRefusalCode } from '../auth';
import type { RefusalTable } from './refusal-table';

/** Every call made for the signed-in user can meet these (auth's requireUser): every area says them this way. */
export const SESSION_REFUSALS: RefusalTable<SessionRefusalCode> = {
  not_signed_in: { code: 'unauthorised', key: 'auth.error.notSignedIn' },
  screen_locked: { code: 'unauthorised', key: 'auth.error.locked' },
  role_not_allowed: { code: 'forbidden', key: 'api.error.forbidden' },
  password_change_required: { code: 'forbidden', key: 'auth.error.passwordChangeRequired' },
};
