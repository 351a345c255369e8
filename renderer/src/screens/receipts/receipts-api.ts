import type { z } from 'zod';
import type { ApiResult } from '../../../../api/result';
import type { receiptContract } from '../../../../api/contracts/receipt-contract';
import { api } from '../../api/transport';

type AreaClient<C extends Record<string, { input: z.ZodType; output: z.ZodType }>> = {
  [M in keyof C]: (input: z.input<C[M]['input']>) => Promise<ApiResult<z.output<C[M]['output']>>>;
};

/** The receipt calls, typed from their own contract (the same client as `api`). */
export const receiptsApi = api as unknown as AreaClient<typeof receiptContract>;
export type ReceiptStatus = z.output<(typeof receiptContract)['receipts.status']['output']>;
export type ReceiptVerification = z.output<(typeof receiptContract)['receipts.verify']['output']>;
export type ReceiptSettings = z.output<(typeof receiptContract)['receipts.settings']['output']>;
