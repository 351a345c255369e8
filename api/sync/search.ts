import { z } from 'zod';
import { MATCH_KINDS, type MatchKind } from '../../domain/search-match';
import { APPLICATION_KINDS, APPLICATION_STATUSES } from '../../domain/model/codes';
import { InstantSchema, ServicePointSchema, StaffNumberSchema, UuidSchema, WorkstationIdSchema } from './common';
import { ApplicationNumberSchema } from './push';

// GET /v1/search (docs/sync-protocol.md §12): find an application across all service points by
// its number, an entity name (zh/pt/en, without case or accents) or an ID number, within the
// caller's scope. Read-only; the answer carries no ID number and no free text (issue 15's public
// enquiry shows it to any clerk of the service point).

export const MAX_SEARCH_RESULTS = 50;

export const SearchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(MAX_SEARCH_RESULTS).default(20),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SEARCH_MATCHES = MATCH_KINDS;
export type SearchMatch = MatchKind;

/** A step of the application's workflow: who moved it where, when — codes only, never notes. */
export const SearchHistoryEntrySchema = z
  .object({
    status: z.enum(APPLICATION_STATUSES),
    at: InstantSchema,
    actor: StaffNumberSchema,
    workstationId: WorkstationIdSchema,
    decision: z.enum(['approve', 'reject', 'return']).optional(),
    reasonCode: z.string().max(60).optional(),
  })
  .strict();

export const SearchResultSchema = z
  .object({
    recordId: UuidSchema,
    applicationNumber: ApplicationNumberSchema,
    servicePoint: ServicePointSchema,
    /** Where it was taken in. */
    workstationId: WorkstationIdSchema,
    kind: z.enum(APPLICATION_KINDS),
    status: z.enum(APPLICATION_STATUSES),
    version: z.number().int().min(1),
    entityNames: z.object({ zh: z.string().max(200).optional(), pt: z.string().max(200).optional(), en: z.string().max(200).optional() }).strict(),
    /** Why it was found: the number, a name, an entity number or a person's ID number (the ID itself is never sent). */
    matchedOn: z.array(z.enum(SEARCH_MATCHES)).max(SEARCH_MATCHES.length),
    updatedAt: InstantSchema,
    history: z.array(SearchHistoryEntrySchema).max(200),
  })
  .strict();
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const SearchResponseSchema = z
  .object({
    results: z.array(SearchResultSchema).max(MAX_SEARCH_RESULTS),
    /** More applications match than were sent: the clerk types more. */
    more: z.boolean(),
    /** The query folds to fewer than 3 characters: nothing was looked up. */
    tooShort: z.boolean(),
    /** The service points searched (the caller's scope). */
    scope: z.array(ServicePointSchema).max(100),
    serverTime: InstantSchema,
  })
  .strict();
export type SearchResponse = z.infer<typeof SearchResponseSchema>;
