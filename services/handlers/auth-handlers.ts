import { authContract } from '../../api/contracts/auth-contract';
import type { AuthRefusalCode } from '../auth';
import type { CoreServices } from '../core/core-deps';
import type { AreaHandlers } from './area-handlers';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';

/** The auth service's refusals as the user at the counter reads them. */
export const AUTH_REFUSALS: RefusalTable<AuthRefusalCode> = {
  ...SESSION_REFUSALS,
  invalid_credentials: { code: 'unauthorised', key: 'auth.error.invalidCredentials' },
  locked_out: { code: 'forbidden', key: 'auth.error.lockedOut' },
  wrong_service_point: { code: 'forbidden', key: 'auth.error.wrongServicePoint' },
  setup_done: { code: 'conflict', key: 'auth.error.setupDone' },
  weak_password: { code: 'refused', key: 'auth.error.weakPassword' },
  same_password: { code: 'refused', key: 'auth.error.samePassword' },
  not_supervisor: { code: 'forbidden', key: 'auth.error.notSupervisor' },
  setup_code_invalid: { code: 'refused', key: 'auth.error.setupCodeInvalid' },
  setup_code_unavailable: { code: 'refused', key: 'auth.error.setupCodeUnavailable' },
  managed_centrally: { code: 'refused', key: 'users.error.managedCentrally' },
  setting_managed_centrally: { code: 'refused', key: 'sync.serverSettings.refused' },
  enrolment_no_key: { code: 'refused', key: 'auth.error.enrolmentNoKey' },
  enrolment_unsigned: { code: 'refused', key: 'auth.error.enrolmentUnsigned' },
  enrolment_tampered: { code: 'refused', key: 'auth.error.enrolmentTampered' },
  enrolment_malformed: { code: 'refused', key: 'auth.error.enrolmentMalformed' },
  enrolment_not_newer: { code: 'refused', key: 'auth.error.enrolmentNotNewer' },
};

export function createAuthHandlers(services: Pick<CoreServices, 'auth'>): AreaHandlers<typeof authContract> {
  const auth = () => services.auth;
  const done = { done: true as const };
  return mappingRefusals(AUTH_REFUSALS, {
    'auth.status': () => auth().status(),
    'auth.setup': (input) => auth().setupFirstAdmin(input),
    'auth.signIn': (input) => auth().signIn(input),
    'auth.signOut': () => {
      auth().signOut();
      return done;
    },
    'auth.lock': ({ reason }) => {
      auth().lock(reason);
      return auth().status();
    },
    'auth.unlock': ({ password }) => auth().unlock(password),
    'auth.touch': () => {
      auth().touch();
      return { locked: auth().status().locked };
    },
    'auth.changePassword': async (input) => {
      await auth().changePassword(input);
      return done;
    },
    'auth.elevate': (input) => auth().elevate(input),
    'auth.endElevation': () => {
      auth().endElevation();
      return done;
    },
    'auth.settings': () => {
      auth().requireUser();
      return auth().settings();
    },
    'auth.stayStandalone': () => {
      auth().stayStandalone();
      return auth().status();
    },
    'auth.setSetting': ({ key, value }) => {
      auth().setSetting(key, value);
      return auth().settings();
    },
    'auth.importEnrolment': ({ fileText }) => auth().importEnrolment(fileText),
  });
}
