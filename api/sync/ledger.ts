import { z } from 'zod';
import { InstantSchema, Sha256HexSchema, WorkstationIdSchema } from './common';

/** GET /v1/sync/ledger — signed. What the server holds of this workstation's ops. */
export const LedgerResponseSchema = z
  .object({
    workstationId: WorkstationIdSchema,
    /** Every client_seq 1..ackedThrough has a final outcome on the server. */
    ackedThrough: z.number().int().min(0),
    /** Number of ops with a final outcome (equals ackedThrough: client_seq is gap-free). */
    count: z.number().int().min(0),
    /** h0 = 64 zeros; h_n = SHA-256 hex of `${h_{n-1}}\n${opId}\n${clientSeq}\n${payloadSha256}` over ops 1..n in client_seq order. */
    rollingHash: Sha256HexSchema,
    /** The last audit-chain head anchored by this workstation. */
    auditHead: z
      .object({ seq: z.number().int().min(0), hash: Sha256HexSchema, receivedAt: InstantSchema })
      .strict()
      .nullable(),
  })
  .strict();
export type LedgerResponse = z.infer<typeof LedgerResponseSchema>;

export const LEDGER_GENESIS = '0'.repeat(64);
