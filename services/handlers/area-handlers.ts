import type { z } from 'zod';
import type { CallContext } from '../../api/dispatch';

/**
 * Handlers for one area's contract, typed from that contract alone, so an area can be built
 * and tested before it is joined into `api/contract.ts` (the result is then a `Pick<Handlers, …>`).
 */
export type AreaHandlers<C extends Record<string, { input: z.ZodType; output: z.ZodType }>> = {
  [M in keyof C]: (input: z.output<C[M]['input']>, ctx: CallContext) => Promise<z.input<C[M]['output']>> | z.input<C[M]['output']>;
};
