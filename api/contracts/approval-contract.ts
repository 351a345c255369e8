import { z } from 'zod';
import { APPLICATION_KINDS, APPLICATION_STATUSES } from '../../domain/model/codes';
import { DECISIONS, REJECTION_REASONS } from '../../domain/workflow/application-workflow';
import { empty, id, isoTime, method, text } from './schema-helpers';

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
    statusHistory: z.array(z.object({ status: z.enum(APPLICATION_STATUSES), at: isoTime, actor: z.string(), actorName: z.string(), reason: z.string().optional() }).strict()),
    checklist: z.array(
      z.object({ item: z.string(), state: z.string(), sighting: z.string().nullable(), note: z.string().nullable(), updatedAt: isoTime, updatedBy: z.string(), updatedByName: z.string() }).strict(),
    ),
    scans: z.array(
      z.object({ id, slot: z.string(), pages: z.array(z.object({ index: z.number().int(), mime: z.string(), rotation: z.number().int() }).strict()) }).strict(),
    ),
    handledByMe: z.boolean(),
    allowedDecisions: z.array(z.enum(DECISIONS)),
  })
  .strict();

export const DecisionResultSchema = z
  .object({ id, status: z.enum(APPLICATION_STATUSES), decidedBy: z.string(), onSessionOf: z.string().nullable() })
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
        refused: z.array(z.object({ id, code: z.string(), messageKey: z.string().optional() }).strict()),
      })
      .strict(),
  ),
};
