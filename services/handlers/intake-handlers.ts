import type { intakeContract } from '../../api/contracts/intake-contract';
import type { Handlers } from '../../api/dispatch';
import { ApiError } from '../../api/result';
import type { SessionState } from '../auth';
import type { CoreDeps } from '../core/app-core';

// The record's application has defaults (zod input ≠ output), so these are typed from the
// joined contract's parsed output rather than AreaHandlers (which allows the input shape).
export type IntakeHandlers = Pick<Handlers, keyof typeof intakeContract>;

// Stub so the contract can be joined while the intake services are built (engineer A1).
const notYet = () => {
  throw new ApiError('internal', 'Intake is not built yet', 'api.error.internal');
};

export function createIntakeHandlers(_deps: CoreDeps, _session: SessionState): IntakeHandlers {
  return {
    'intake.create': notYet,
    'intake.get': notYet,
    'intake.save': notYet,
    'intake.submit': notYet,
    'intake.list': notYet,
    'reference.findEntities': notYet,
  };
}
