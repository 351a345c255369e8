import type { intakeContract } from '../../api/contracts/intake-contract';
import type { Handlers } from '../../api/dispatch';
import type { SessionState } from '../auth';
import type { CoreDeps } from '../core/app-core';
import { createContextBuilder, createIntakeService, createReferenceRepo, type IntakeService } from '../intake';
import { sessionServices } from './session-services';

// The record's application has defaults (zod input ≠ output), so these are typed from the
// joined contract's parsed output rather than AreaHandlers (which allows the input shape).
export type IntakeHandlers = Pick<Handlers, keyof typeof intakeContract>;

// Intake is clerks' and supervisors' work; a workstation administrator manages users, not forms.
const INTAKE_ROLES = ['clerk', 'supervisor'] as const;

// One service per session (one per core): its reference snapshot and the index of local
// applications for FAQ 8 are kept warm between keystrokes.
const bySession = new WeakMap<SessionState, IntakeService>();

export function intakeService(deps: CoreDeps, session: SessionState): IntakeService {
  let svc = bySession.get(session);
  if (!svc) {
    const clock = session.options.clock ?? (() => new Date());
    const reference = createReferenceRepo(deps.store.db, () => clock().toISOString());
    const auth = () => sessionServices(deps, session).auth;
    svc = createIntakeService({
      store: deps.store,
      config: deps.config,
      reference,
      context: createContextBuilder(deps.store, reference),
      user: () => auth().requireUser(INTAKE_ROLES),
      displayNameOf: (actor) => auth().displayNameOf(actor),
      clock,
    });
    bySession.set(session, svc);
  }
  return svc;
}

export function createIntakeHandlers(deps: CoreDeps, session: SessionState): IntakeHandlers {
  const svc = () => intakeService(deps, session);
  return {
    'intake.create': ({ kind, entityNumber }) => svc().create(kind, entityNumber),
    'intake.get': ({ id }) => svc().get(id),
    'intake.save': ({ id, expectedRevision, application }) => svc().save(id, expectedRevision, application),
    'intake.submit': ({ id, expectedRevision }) => svc().submit(id, expectedRevision),
    'intake.discard': ({ id, expectedRevision }) => svc().discard(id, expectedRevision),
    'intake.list': (input) => svc().list(input),
    'reference.findEntities': ({ query }) => svc().findEntities(query),
  };
}
