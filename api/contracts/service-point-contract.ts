import { z } from 'zod';
import { id, method } from './schema-helpers';
import { SyncMessageSchema } from './sync-contract';

// A service point works as one (issue 15): a supervisor reviewing an application taken in at
// another workstation has its scans fetched from the central system, with progress.

export const ScanFetchProgressSchema = z
  .object({
    /** done: every scan of the application is on this workstation (its own applications always are). */
    state: z.enum(['fetching', 'done', 'failed']),
    scans: z.number().int().min(0),
    fetched: z.number().int().min(0),
    doneBytes: z.number().int().min(0),
    totalBytes: z.number().int().min(0),
    error: SyncMessageSchema.nullable(),
  })
  .strict();
export type ScanFetchProgressView = z.output<typeof ScanFetchProgressSchema>;

export const servicePointContract = {
  /** Start or continue fetching an application's scans from the central system; says how far it got. `retry` after a failure. */
  'approval.fetchScans': method(z.object({ id, retry: z.boolean().optional() }).strict(), ScanFetchProgressSchema),
} as const;
