import { z } from 'zod';
import { APPLICATION_KINDS, APPLICATION_STATUSES, ENTITY_TYPES } from '../../domain/model/codes';
import { id, isoTime, method, text } from './schema-helpers';

export const DraftEntitySchema = z
  .object({
    type: z.enum(ENTITY_TYPES).nullable(),
    nameZh: text(300),
    namePt: text(300),
  })
  .strict();

export const ApplicationSummarySchema = z
  .object({
    id,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    applicationNumber: z.string().nullable(),
    entityNames: z.array(z.string()),
    createdAt: isoTime,
    updatedAt: isoTime,
    createdBy: z.string(),
  })
  .strict();

export const DraftRecordSchema = z
  .object({
    id,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    revision: z.number().int(),
    entity: DraftEntitySchema,
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .strict();

export const draftContract = {
  'drafts.create': method(z.object({ kind: z.enum(APPLICATION_KINDS), entity: DraftEntitySchema }).strict(), DraftRecordSchema),
  'drafts.save': method(
    z.object({ id, expectedRevision: z.number().int().min(0), entity: DraftEntitySchema }).strict(),
    DraftRecordSchema,
  ),
  'drafts.get': method(z.object({ id }).strict(), DraftRecordSchema),
  'applications.list': method(
    z
      .object({
        statuses: z.array(z.enum(APPLICATION_STATUSES)).max(APPLICATION_STATUSES.length).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    z.array(ApplicationSummarySchema),
  ),
};
