import type { ApiResult } from '../../../../api/result';
import type { Application } from '../../../../domain/model/application';
import type { ApplicationKind, ApplicationStatus } from '../../../../domain/model/codes';
import type { Requirement } from '../../../../domain/rules';
import { api } from '../../api/transport';

// The intake calls as agreed between the engineers (api/contracts/intake-contract.ts). Typed
// here so the screens do not depend on the contract file's internals; at run time this is
// the same client as `api`, validated on both sides by the dispatcher.

export interface Duplicate {
  source: 'reference' | 'local';
  entityNumber?: string;
  applicationId?: string;
  applicationNumber?: string | null;
  names: string[];
}

export interface IntakeRecord {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  revision: number;
  applicationNumber: string | null;
  application: Application;
  assessment: { requirements: Requirement[]; blockingCount: number };
  duplicates: Duplicate[];
  readOnly: boolean;
  /** Staff number → display name of everyone who ticked an eye check. */
  tickers: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface IntakeSummary {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  applicationNumber: string | null;
  entityNames: string[];
  createdAt: string;
  updatedAt: string;
  synced: boolean;
}

export interface ReferenceEntityView {
  entityNumber: string;
  type?: string;
  names: { zh?: string; pt?: string; en?: string };
  registrationNumbers: string[];
  taxpayerNumber?: string;
  adminCount?: number;
}

export interface IntakeApi {
  'intake.create'(input: { kind: ApplicationKind; entityNumber?: string }): Promise<ApiResult<IntakeRecord>>;
  'intake.get'(input: { id: string }): Promise<ApiResult<IntakeRecord>>;
  'intake.save'(input: { id: string; expectedRevision: number; application: Application }): Promise<ApiResult<IntakeRecord>>;
  'intake.submit'(input: { id: string; expectedRevision: number }): Promise<ApiResult<IntakeRecord>>;
  'intake.list'(input: { query?: string; statuses?: ApplicationStatus[]; limit?: number }): Promise<ApiResult<IntakeSummary[]>>;
  'reference.findEntities'(input: { query: string }): Promise<ApiResult<ReferenceEntityView[]>>;
}

export const intakeApi = api as unknown as IntakeApi;
