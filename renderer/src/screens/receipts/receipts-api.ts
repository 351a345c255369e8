import type { z } from 'zod';
import type { receiptContract } from '../../../../api/contracts/receipt-contract';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';

/** The receipt calls, typed from their own contract (the same client as `api`). */
export const receiptsApi: AreaClient<typeof receiptContract> = api;
export type ReceiptStatus = z.output<(typeof receiptContract)['receipts.status']['output']>;
export type ReceiptVerification = z.output<(typeof receiptContract)['receipts.verify']['output']>;
export type ReceiptSettings = z.output<(typeof receiptContract)['receipts.settings']['output']>;
