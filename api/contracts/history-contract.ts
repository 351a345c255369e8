import { z } from 'zod';
import { isMessageKey } from '../../i18n';
import { id, isoTime, method } from './schema-helpers';

// An application's history (issue 4 item 5), read from the audit log. Details are summarised
// into translatable messages on the way out: the raw audit details hold hashes, free-text
// reasons and page ids, none of which belongs on a clerk's screen.

export const HistorySummarySchema = z
  .object({
    /** A translation key (checked against the catalog, so the renderer can always show it). */
    key: z.string().max(80).refine(isMessageKey, 'unknown message key'),
    /** A parameter named `doc` is itself a message key (a document's name), translated too. */
    params: z.record(z.string().max(40), z.union([z.string().max(200), z.number()])).optional(),
  })
  .strict();

export const HistoryEntrySchema = z
  .object({
    at: isoTime,
    /** An audit action (services/store/audit-actions.ts); the renderer labels the ones it knows. */
    action: z
      .string()
      .max(40)
      .regex(/^[a-z_]+$/),
    actor: z.string().max(80),
    actorName: z.string().max(200),
    workstationId: z.string().max(64),
    /** Several saves in a row by the same person at the same workstation are one entry. */
    count: z.number().int().min(1),
    summary: HistorySummarySchema.optional(),
  })
  .strict();

export const historyContract = {
  'applications.history': method(z.object({ id }).strict(), z.object({ entries: z.array(HistoryEntrySchema) }).strict()),
} as const;

export type HistoryEntry = z.output<typeof HistoryEntrySchema>;
