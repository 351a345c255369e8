import type { intakeContract } from '../../api/contracts/intake-contract';
import type { Handlers } from '../../api/dispatch';
import type { CoreServices } from '../core/core-deps';
import type { IntakeRefusalCode } from '../intake';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';
import { WORKFLOW_REFUSALS } from './workflow-refusals';

// The record's application has defaults (zod input ≠ output), so these are typed from the
// joined contract's parsed output rather than AreaHandlers (which allows the input shape).
export type IntakeHandlers = Pick<Handlers, keyof typeof intakeContract>;

/** The intake service's refusals as the clerk reads them; the workflow's are said as approval says them. */
export const INTAKE_REFUSALS: RefusalTable<IntakeRefusalCode> = {
  ...SESSION_REFUSALS,
  ...WORKFLOW_REFUSALS,
  not_found: { code: 'not_found', key: 'api.error.notFound' },
  read_only: { code: 'refused', key: 'intake.error.readOnly' },
  stale: { code: 'conflict', key: 'intake.error.stale' },
  kind_changed: { code: 'invalid_input', key: 'intake.error.kindChanged' },
  unreadable: { code: 'unavailable', key: 'intake.error.unreadable' },
  duplicate: { code: 'refused', key: 'intake.error.duplicate' },
  blocking: { code: 'refused', key: 'intake.error.blocking' },
  numbering: { code: 'unavailable', key: 'intake.error.numbering' },
  unknown_entity: { code: 'not_found', key: 'intake.error.unknownEntity' },
  discard_submitted: { code: 'refused', key: 'intake.error.discardSubmitted' },
};

export function createIntakeHandlers({ intake }: Pick<CoreServices, 'intake'>): IntakeHandlers {
  return mappingRefusals(INTAKE_REFUSALS, {
    'intake.create': ({ kind, entityNumber }) => intake.create(kind, entityNumber),
    'intake.get': ({ id }) => intake.get(id),
    'intake.save': ({ id, expectedRevision, application }) => intake.save(id, expectedRevision, application),
    'intake.submit': ({ id, expectedRevision }) => intake.submit(id, expectedRevision),
    'intake.discard': ({ id, expectedRevision }) => intake.discard(id, expectedRevision),
    'intake.list': (input) => intake.list(input),
    'reference.findEntities': ({ query }) => intake.findEntities(query),
  });
}
