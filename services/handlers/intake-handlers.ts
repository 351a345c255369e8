import type { intakeContract } from '../../api/contracts/intake-contract';
import type { Handlers } from '../../api/dispatch';
import type { CoreServices } from '../core/core-deps';

// The record's application has defaults (zod input ≠ output), so these are typed from the
// joined contract's parsed output rather than AreaHandlers (which allows the input shape).
export type IntakeHandlers = Pick<Handlers, keyof typeof intakeContract>;

export function createIntakeHandlers({ intake }: Pick<CoreServices, 'intake'>): IntakeHandlers {
  return {
    'intake.create': ({ kind, entityNumber }) => intake.create(kind, entityNumber),
    'intake.get': ({ id }) => intake.get(id),
    'intake.save': ({ id, expectedRevision, application }) => intake.save(id, expectedRevision, application),
    'intake.submit': ({ id, expectedRevision }) => intake.submit(id, expectedRevision),
    'intake.discard': ({ id, expectedRevision }) => intake.discard(id, expectedRevision),
    'intake.list': (input) => intake.list(input),
    'reference.findEntities': ({ query }) => intake.findEntities(query),
  };
}
