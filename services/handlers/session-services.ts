import { createApprovalService, type ApprovalService } from '../approval';
import { createAuthService, type AuthService, type SessionState, type SignedInUser } from '../auth';
import type { CoreDeps } from '../core/app-core';

interface SessionServices {
  auth: AuthService;
  approval: ApprovalService;
}

// One set of services per session state (one per core): the auth and approval handlers, and
// any other handler that needs the signed-in user, must see the same session.
const bySession = new WeakMap<SessionState, SessionServices>();

export function sessionServices(deps: CoreDeps, session: SessionState): SessionServices {
  let s = bySession.get(session);
  if (!s) {
    const clock = session.options.clock;
    const auth = createAuthService({
      store: deps.store,
      workstationId: deps.config.workstationId,
      servicePoint: deps.config.servicePoint.code,
      session,
      ...(clock ? { clock } : {}),
      ...(session.options.passwordParams ? { passwordParams: session.options.passwordParams } : {}),
    });
    const approval = createApprovalService({ store: deps.store, auth, servicePoint: deps.config.servicePoint.code, ...(clock ? { clock } : {}) });
    s = { auth, approval };
    bySession.set(session, s);
  }
  return s;
}

/**
 * For other areas' handlers (drafts, lists): the signed-in, unlocked user, or an
 * `unauthorised` ApiError. Use `user.actor` as the actor and as the `createdBy` filter so a
 * signed-out user's drafts are not shown to the next one.
 */
export function currentUser(deps: CoreDeps, session: SessionState): SignedInUser {
  return sessionServices(deps, session).auth.requireUser();
}
