import type { authContract } from '../../../api/contracts/auth-contract';
import type { approvalContract } from '../../../api/contracts/approval-contract';
import type { AreaClient } from '../api/area-client';
import { api } from '../api/transport';

/** The auth and approval calls: the same client as `api`, narrowed to their contracts. */
export const sessionApi: AreaClient<typeof authContract & typeof approvalContract> = api;
export type SessionApi = typeof sessionApi;
