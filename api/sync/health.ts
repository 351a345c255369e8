import { z } from 'zod';

/** GET /health — the process is up. Unsigned. */
export const HealthResponseSchema = z.object({ status: z.literal('ok') }).strict();

/** GET /ready — the database answers and its migrations are the ones this build expects. 503 otherwise. Unsigned. */
export const ReadyResponseSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    database: z.boolean(),
    migrations: z.object({ applied: z.number().int().min(0), expected: z.number().int().min(0) }).strict(),
  })
  .strict();
