import { z } from 'zod';
import { APPLICATION_KINDS, APPLICATION_STATUSES } from '../../domain/model/codes';
import { MATCH_KINDS } from '../../domain/search-match';
import { isoTime, method, text } from './schema-helpers';

// The public enquiry at any counter (issue 15): any clerk or supervisor of the service point
// finds an application by number, entity name or ID number and sees its status and history —
// from the central server when it answers, else from what this workstation holds — and always
// where the answer came from and as of when. Read-only and audited. No ID number and no free
// text (return notes, rejection texts) is ever in an answer.

export const EnquiryHistoryEntrySchema = z
  .object({
    status: z.enum(APPLICATION_STATUSES),
    at: isoTime,
    /** Staff number and the name this workstation knows for it (the staff number when it knows none). */
    actor: text(80),
    actorName: text(200),
    workstationId: text(64),
    decision: z.enum(['approve', 'reject', 'return']).optional(),
    reasonCode: text(60).optional(),
  })
  .strict();

export const EnquiryResultSchema = z
  .object({
    recordId: text(64),
    applicationNumber: text(40),
    servicePoint: text(10),
    workstationId: text(64),
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    entityNames: z.object({ zh: text(200).optional(), pt: text(200).optional(), en: text(200).optional() }).strict(),
    matchedOn: z.array(z.enum(MATCH_KINDS)).max(MATCH_KINDS.length),
    updatedAt: isoTime,
    history: z.array(EnquiryHistoryEntrySchema).max(200),
  })
  .strict();

export const EnquiryAnswerSchema = z
  .object({
    /** server: the central API answered now; workstation: what this workstation took in or received. */
    source: z.enum(['server', 'workstation']),
    /** When the answer was true: the server's time, or when this workstation last received changes (null: never). */
    asOf: isoTime.nullable(),
    /** Why the server was not asked or did not answer (source workstation only). */
    serverUnavailable: z.enum(['not_enrolled', 'unreachable', 'refused']).nullable(),
    results: z.array(EnquiryResultSchema).max(50),
    more: z.boolean(),
    tooShort: z.boolean(),
  })
  .strict();

export const enquiryContract = {
  'enquiry.find': method(z.object({ query: z.string().trim().min(1).max(100) }).strict(), EnquiryAnswerSchema),
} as const;

export type EnquiryAnswer = z.output<typeof EnquiryAnswerSchema>;
export type EnquiryResult = z.output<typeof EnquiryResultSchema>;
