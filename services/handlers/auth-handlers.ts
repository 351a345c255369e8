import { authContract } from '../../api/contracts/auth-contract';
import type { SessionState } from '../auth';
import type { CoreDeps } from '../core/app-core';
import type { AreaHandlers } from './area-handlers';
import { sessionServices } from './session-services';

export function createAuthHandlers(deps: CoreDeps, session: SessionState): AreaHandlers<typeof authContract> {
  const auth = () => sessionServices(deps, session).auth;
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
