import type { z } from 'zod';
import type { ApiResult } from '../../../../api/result';
import type {
  DuplicateSchema,
  IntakeRecordSchema,
  IntakeSummarySchema,
  intakeContract,
  ReferenceEntityViewSchema,
} from '../../../../api/contracts/intake-contract';
import { api } from '../../api/transport';

// The intake calls typed from their own contract (as session-api.ts does for auth/approval);
// at run time this is the same client as `api`, validated on both sides by the dispatcher.

export type IntakeRecord = z.output<typeof IntakeRecordSchema>;
export type IntakeSummary = z.output<typeof IntakeSummarySchema>;
export type Duplicate = z.output<typeof DuplicateSchema>;
export type ReferenceEntityView = z.output<typeof ReferenceEntityViewSchema>;

type Contract = typeof intakeContract;
export type IntakeApi = {
  [M in keyof Contract]: (input: z.input<Contract[M]['input']>) => Promise<ApiResult<z.output<Contract[M]['output']>>>;
};

export const intakeApi = api as unknown as IntakeApi;
