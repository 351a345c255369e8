import { authContract } from '../../api/contracts/auth-contract';
import type { CoreServices } from '../core/core-deps';
import type { AreaHandlers } from './area-handlers';

export function createAuthHandlers(services: Pick<CoreServices, 'auth'>): AreaHandlers<typeof authContract> {
  const auth = () => services.auth;
  const done = { done: true as const };
  return {
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
    'auth.setSetting': ({ key, value }) => {
      auth().setSetting(key, value);
      return auth().settings();
    },
    'auth.setEnrolmentKey': ({ publicKey }) => {
      auth().setEnrolmentKey(publicKey);
      return auth().settings();
    },
    'auth.importEnrolment': ({ fileText }) => auth().importEnrolment(fileText),
  };
}
