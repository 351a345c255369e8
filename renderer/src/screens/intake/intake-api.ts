import type { z } from 'zod';
import type {
  DuplicateSchema,
  IntakeRecordSchema,
  IntakeSummarySchema,
  intakeContract,
  ReferenceEntityViewSchema,
} from '../../../../api/contracts/intake-contract';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';

// The intake calls typed from their own contract (as session-api.ts does for auth/approval);
// at run time this is the same client as `api`, validated on both sides by the dispatcher.

export type IntakeRecord = z.output<typeof IntakeRecordSchema>;
export type IntakeSummary = z.output<typeof IntakeSummarySchema>;
export type Duplicate = z.output<typeof DuplicateSchema>;
export type ReferenceEntityView = z.output<typeof ReferenceEntityViewSchema>;

export type IntakeApi = AreaClient<typeof intakeContract>;

export const intakeApi: IntakeApi = api;
