import { z } from 'zod';
import { method, empty, text } from './schema-helpers';

// Issue 13, item 2: the workstation administrator sets the service point, workstation id and
// scanner folder in the app instead of editing workstation.json.
const code = z.string().regex(/^[A-Z0-9]{2,8}$/);
const name = text(100).trim().min(1);

export const WorkstationSettingsSchema = z
  .object({
    servicePoint: z.object({ code: z.string().max(8), nameZh: z.string().max(100), namePt: z.string().max(100) }).strict(),
    workstationId: z.string().max(8),
    /** Empty when no scanner folder is watched. */
    scannerFolder: z.string().max(1000),
    /** Still the development placeholder a fresh data folder gets: receipts are refused until it is set. */
    placeholder: z.boolean(),
    /** Applications were numbered here: the workstation id is part of their numbers and can no longer change. */
    workstationIdLocked: z.boolean(),
    /** Settings the central server published through pull (issue 14): shown read-only. */
    fromServer: z
      .array(z.object({ key: z.string().max(80), value: z.unknown(), pulledAt: z.string().max(40) }).strict())
      .max(100)
      .optional(),
  })
  .strict();

export const workstationContract = {
  'workstation.settings': method(empty, WorkstationSettingsSchema),
  'workstation.configure': method(
    z
      .object({
        servicePoint: z.object({ code, nameZh: name, namePt: name }).strict(),
        workstationId: code,
        /** An absolute path to an existing folder, or empty to stop watching one. */
        scannerFolder: text(1000),
      })
      .strict(),
    z
      .object({
        settings: WorkstationSettingsSchema,
        /** The scanner folder or the service point code is read at start: the change applies after the app restarts. */
        restartRequired: z.boolean(),
      })
      .strict(),
  ),
  /** The reference data file (entities that hold an account, their logins; format in the README), imported whole or not at all. */
  'workstation.importReference': method(
    z.object({ fileName: text(200).min(1), content: z.string().max(10_000_000) }).strict(),
    z.object({ entities: z.number().int(), staffLogins: z.number().int(), workstationKeys: z.number().int() }).strict(),
  ),
};
