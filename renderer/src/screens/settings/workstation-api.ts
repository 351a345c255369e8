import type { z } from 'zod';
import type { workstationContract } from '../../../../api/contracts/workstation-contract';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';

/** The workstation settings calls, typed from their own contract (the same client as `api`). */
export const workstationApi: AreaClient<typeof workstationContract> = api;
export type WorkstationSettingsValue = z.output<(typeof workstationContract)['workstation.settings']['output']>;
