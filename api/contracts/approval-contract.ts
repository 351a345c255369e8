import { z } from 'zod';
import { APPLICATION_KINDS, APPLICATION_STATUSES } from '../../domain/model/codes';
import { DECISIONS, REJECTION_REASONS } from '../../domain/workflow/application-workflow';
import { LOCALES } from '../../i18n';
import { RECONCILIATION_CHECKS } from '../../domain/reconciliation/day-end-reconciliation';
import { empty, id, isoTime, method, text } from './schema-helpers';
import { AssessmentSchema } from './intake-contract';

export const QueueItemSchema = z
  .object({
    id,
    applicationNumber: z.string().nullable(),
    kind: z.enum(APPLICATION_KINDS),
    entityNames: z.array(z.string()),
    submittedAt: isoTime,
    submittedBy: z.string(),
    submittedByName: z.string(),
    ageMinutes: z.number().int(),
    handledByMe: z.boolean(),
    resubmitted: z.boolean(),
  })
  .strict();

export const ReviewSchema = z
  .object({
    id,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    applicationNumber: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdBy: z.string(),
    createdByName: z.string(),
    createdAt: isoTime,
    statusHistory: z.array(
      z
        .object({
          status: z.enum(APPLICATION_STATUSES),
          at: isoTime,
          actor: z.string(),
          actorName: z.string(),
          reason: z.string().optional(),
          /** A decision made by a supervisor signed in on top of this user's session (issue 7). */
          onSessionOf: z.string().optional(),
          onSessionOfName: z.string().optional(),
        })
        .strict(),
    ),
    checklist: z.array(
      z
        .object({
          item: z.string(),
          state: z.string(),
          sighting: z.string().nullable(),
          note: z.string().nullable(),
          updatedAt: isoTime,
          updatedBy: z.string(),
          updatedByName: z.string(),
        })
        .strict(),
    ),
    scans: z.array(
      z
        .object({
          id,
          slot: z.string(),
          pages: z.array(
            z
              .object({
                index: z.number().int(),
                mime: z.string(),
                rotation: z.number().int(),
                /** Pages in this file, counted by the core (a PDF may hold several; issue 13 item 10). */
                pageCount: z.number().int().min(1).max(999).optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    handledByMe: z.boolean(),
    allowedDecisions: z.array(z.enum(DECISIONS)),
    /** Issue 13 item 11: resubmitted after a return — the form as it was returned, to compare with `data`. */
    previousSubmission: z
      .object({ returnedAt: isoTime, data: z.record(z.string(), z.unknown()) })
      .strict()
      .optional(),
    /** The rules' verdict as the core sees it on `assessedOn` (its reference data, FAQ 8 included): what the clerk saw. Absent when the form does not parse. */
    assessment: AssessmentSchema.optional(),
    assessedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict();

export const DecisionResultSchema = z.object({ id, status: z.enum(APPLICATION_STATUSES), decidedBy: z.string(), onSessionOf: z.string().nullable() }).strict();

const CountsSchema = z
  .object({
    received: z.number().int(),
    recorded: z.number().int(),
    drafts: z.number().int(),
    submitted: z.number().int(),
    approved: z.number().int(),
    rejected: z.number().int(),
    returned: z.number().int(),
    pending: z.number().int(),
    // Of the submitted applications only (synced + notSynced = submitted): see domain/reconciliation.
    synced: z.number().int(),
    notSynced: z.number().int(),
    reprints: z.number().int(),
  })
  .strict();
const DifferenceSchema = z
  .object({ check: z.enum(RECONCILIATION_CHECKS), left: z.number().int(), right: z.number().int(), difference: z.number().int() })
  .strict();

export const DayEndReportSchema = z
  .object({
    day: z.string(),
    groups: z.array(z.object({ workstationId: z.string(), servicePoint: z.string(), counts: CountsSchema, differences: z.array(DifferenceSchema) }).strict()),
    totals: CountsSchema,
    totalDifferences: z.array(DifferenceSchema),
    balanced: z.boolean(),
  })
  .strict();

const DayEndInput = z
  .object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Paper forms counted by hand, keyed `workstationId/servicePoint`. */
    paperCounts: z
      .record(z.string().max(20), z.number().int().min(0).max(100_000))
      .refine((o) => Object.keys(o).length <= 200, 'too many workstations')
      .optional(),
  })
  .strict();

export const approvalContract = {
  'approval.queue': method(empty, z.array(QueueItemSchema)),
  'approval.open': method(z.object({ id }).strict(), ReviewSchema),
  'approval.scanPage': method(
    z.object({ attachmentId: id, page: z.number().int().min(0).max(999) }).strict(),
    z.object({ mime: z.string(), dataBase64: z.string(), rotation: z.number().int() }).strict(),
  ),
  'approval.decide': method(
    z
      .object({
        id,
        decision: z.enum(DECISIONS),
        reasonCode: z.enum(REJECTION_REASONS).optional(),
        text: text(1000).optional(),
        notes: text(2000).optional(),
      })
      .strict(),
    DecisionResultSchema,
  ),
  'approval.bulkApprove': method(
    z.object({ ids: z.array(id).min(1).max(200), password: z.string().min(1).max(200) }).strict(),
    z
      .object({
        approved: z.array(id),
        refused: z.array(
          z
            .object({
              id,
              code: z.string(),
              messageKey: z.string().optional(),
              /** The message's placeholders, e.g. `status` (an application status code) for a wrong-state refusal. */
              params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
            })
            .strict(),
        ),
      })
      .strict(),
  ),
  /** The clerk sends a draft or a corrected, returned form to the queue. */
  'approval.submit': method(z.object({ id }).strict(), z.object({ id, status: z.enum(APPLICATION_STATUSES) }).strict()),
  /** Why an application was rejected or returned (shown to the clerk). */
  'approval.lastDecision': method(
    z.object({ id }).strict(),
    z
      .object({
        status: z.enum(APPLICATION_STATUSES),
        at: isoTime,
        actor: z.string(),
        actorName: z.string(),
        reasonCode: z.enum(REJECTION_REASONS).nullable(),
        text: z.string().nullable(),
      })
      .strict()
      .nullable(),
  ),
  'approval.dayEnd': method(DayEndInput, DayEndReportSchema),
  'approval.dayEndExport': method(
    DayEndInput.extend({ format: z.enum(['csv', 'pdf']), locale: z.enum(LOCALES) }).strict(),
    z.object({ fileName: z.string(), mime: z.enum(['text/csv', 'application/pdf']), base64: z.string() }).strict(),
  ),
};
