import type { z } from 'zod';
import type { ApiResult } from '../../../api/result';
import type { authContract } from '../../../api/contracts/auth-contract';
import type { approvalContract } from '../../../api/contracts/approval-contract';
import { api } from '../api/transport';

type AreaClient<C extends Record<string, { input: z.ZodType; output: z.ZodType }>> = {
  [M in keyof C]: (input: z.input<C[M]['input']>) => Promise<ApiResult<z.output<C[M]['output']>>>;
};

/**
 * The auth and approval calls, typed from their own contracts. At run time this is the same
 * client as `api` (the methods exist once both contracts are joined in api/contract.ts).
 */
export const sessionApi = api as unknown as AreaClient<typeof authContract & typeof approvalContract>;
export type SessionApi = typeof sessionApi;
