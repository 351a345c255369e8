import type { WorkflowRefusal } from '../../domain/workflow';
import type { RefusalTable } from './refusal-table';

/** The workflow's refusals (domain/workflow), said the same way wherever an application moves (approval and intake). */
export const WORKFLOW_REFUSALS: RefusalTable<WorkflowRefusal['code']> = {
  wrong_role: { code: 'forbidden', key: 'approval.error.wrongRole' },
  four_eyes: { code: 'forbidden', key: 'approval.error.fourEyes' },
  wrong_state: { code: 'conflict', key: 'approval.error.wrongState' },
  reason_required: { code: 'refused', key: 'approval.error.reasonRequired' },
};
