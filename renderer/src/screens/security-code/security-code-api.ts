import type { z } from 'zod';
import type { ApiResult } from '../../../../api/result';
import type { securityCodeContract } from '../../../../api/contracts/security-code-contract';
import { api } from '../../api/transport';

type AreaClient<C extends Record<string, { input: z.ZodType; output: z.ZodType }>> = {
  [M in keyof C]: (input: z.input<C[M]['input']>) => Promise<ApiResult<z.output<C[M]['output']>>>;
};

/** The security-code and face-recognition calls, typed from their own contract (the same client as `api`). */
export const securityCodeApi = api as unknown as AreaClient<typeof securityCodeContract>;
