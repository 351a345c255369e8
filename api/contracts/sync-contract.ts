import { z } from 'zod';
import { isMessageKey } from '../../i18n';
import { empty, isoTime, method, text } from './schema-helpers';

// Sync with the central API, as the clerk sees it (issue 15): is what I saved safe? The status
// bar asks sync.status every few seconds; the details panel lists what waits and what the
// server refused, and offers "retry now". Messages are catalog keys with flat params, so the
// server's refusals are shown in the clerk's language.

const params = z.record(z.string().max(40), z.union([z.string().max(500), z.number()])).optional();

export const SyncMessageSchema = z
  .object({
    /** A catalog key (sync.*, sync.error.*, sync.rejected.*); unknown server codes arrive as sync.status.error.unknown. */
    messageKey: z.string().max(120).refine(isMessageKey, 'unknown message key'),
    params,
  })
  .strict();

export const SyncStatusSchema = z
  .object({
    /** not_configured: saved here only (no server yet); attention: something a person must look at. */
    state: z.enum(['not_configured', 'online', 'offline', 'syncing', 'attention']),
    server: text(300).nullable(),
    workstationId: text(20).nullable(),
    /** Items waiting to be sent. */
    waiting: z.number().int().min(0),
    /** Scan bytes still to upload for them. */
    bytesLeft: z.number().int().min(0),
    /** The scan being uploaded now. */
    upload: z
      .object({ offset: z.number().int().min(0), size: z.number().int().min(0) })
      .strict()
      .nullable(),
    refused: z.number().int().min(0),
    conflicts: z.number().int().min(0),
    lastSentAt: isoTime.nullable(),
    lastError: SyncMessageSchema.extend({ code: text(60), at: isoTime })
      .strict()
      .nullable(),
    nextRetryAt: isoTime.nullable(),
  })
  .strict();
export type SyncStatusView = z.output<typeof SyncStatusSchema>;

export const SyncItemSchema = z
  .object({
    /** eid.enable (issue 16): applicationId is then the enablement's id, with no number or entity name. */
    kind: z.enum(['application.submit', 'application.resubmit', 'application.decide', 'eid.enable']),
    applicationId: text(64),
    applicationNumber: text(40).nullable(),
    entityName: text(200).nullable(),
    since: isoTime,
    attempts: z.number().int().min(0),
    bytes: z.number().int().min(0),
    /** Why the server refused it, or what the server holds now (a conflict). */
    reason: SyncMessageSchema.nullable(),
  })
  .strict();
export type SyncItem = z.output<typeof SyncItemSchema>;

export const SyncDetailsSchema = z
  .object({
    waiting: z.array(SyncItemSchema).max(200),
    refused: z.array(SyncItemSchema).max(200),
    conflicts: z.array(SyncItemSchema).max(200),
  })
  .strict();
export type SyncDetails = z.output<typeof SyncDetailsSchema>;

export const SyncEnrolInputSchema = z
  .object({
    serverUrl: text(300).regex(/^https?:\/\/[^\s]+$/),
    code: text(40),
    servicePoint: z.string().regex(/^[A-Z0-9]{2,6}$/),
    workstation: z.string().regex(/^[A-Z0-9]{1,4}$/),
  })
  .strict();

export const syncContract = {
  'sync.status': method(empty, SyncStatusSchema),
  'sync.retryNow': method(empty, SyncStatusSchema),
  'sync.details': method(empty, SyncDetailsSchema),
  /** A workstation administrator enrols this workstation with the code from the server's administrator. */
  'sync.enrol': method(SyncEnrolInputSchema, SyncStatusSchema),
} as const;
