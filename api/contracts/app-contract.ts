import { z } from 'zod';
import { empty, method } from './schema-helpers';

export const AppInfoSchema = z
  .object({
    version: z.string(),
    transport: z.enum(['ipc', 'http']),
    servicePoint: z.object({ code: z.string(), nameZh: z.string(), namePt: z.string() }).strict(),
    workstationId: z.string(),
    database: z.object({ state: z.enum(['ok', 'error']), userVersion: z.number().int(), encrypted: z.boolean() }).strict(),
    sync: z.object({ state: z.enum(['not_configured', 'online', 'offline', 'syncing']), pending: z.number().int() }).strict(),
  })
  .strict();

export const appContract = {
  'app.info': method(empty, AppInfoSchema),
};
