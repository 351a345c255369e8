import type { workstationContract } from '../../api/contracts/workstation-contract';
import type { SessionRefusalCode } from '../auth';
import type { CoreServices } from '../core/core-deps';
import type { WorkstationSettingsRefusalCode } from '../workstation/workstation-settings';
import type { ReferenceImportRefusalCode } from '../workstation/reference-import';
import type { AreaHandlers } from './area-handlers';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';

/** The workstation settings' refusals as the administrator reads them (issue 13, item 2). */
export const WORKSTATION_REFUSALS: RefusalTable<WorkstationSettingsRefusalCode | ReferenceImportRefusalCode | SessionRefusalCode> = {
  ...SESSION_REFUSALS,
  invalid: { code: 'invalid_input', key: 'workstation.error.invalid' },
  placeholder_code: { code: 'refused', key: 'workstation.error.placeholderCode' },
  folder_missing: { code: 'refused', key: 'workstation.error.folderMissing' },
  workstation_id_locked: { code: 'refused', key: 'workstation.error.workstationIdLocked' },
  reference_invalid: { code: 'refused', key: 'workstation.error.referenceInvalid' },
};

export function createWorkstationHandlers(services: Pick<CoreServices, 'workstation'>): AreaHandlers<typeof workstationContract> {
  return mappingRefusals(WORKSTATION_REFUSALS, {
    'workstation.settings': () => services.workstation.settings(),
    'workstation.configure': (input) => services.workstation.configure(input),
    'workstation.importReference': (input) => services.workstation.importReference(input),
  });
}
