import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Sql } from 'postgres';
import type { z } from 'zod';
import { ErrorBodySchema } from '../../api/sync/common';
import { SearchQuerySchema, SearchResponseSchema } from '../../api/sync/search';
import type { Clock } from '../db/types';
import type { Caller } from '../http/signed-request';
import { searchApplications } from './search-service';

/**
 * GET /v1/search?q=…&limit=… (signed, docs/sync-protocol.md §12): applications by number,
 * entity name or ID number, within the caller's service points. Read-only.
 */
export function registerSearchRoute(
  app: FastifyInstance,
  deps: { sql: Sql; now: Clock; signedHeaders: z.ZodType; caller: (req: FastifyRequest) => Caller },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/search',
    {
      config: { signed: true },
      schema: {
        headers: deps.signedHeaders,
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (req) => {
      const c = deps.caller(req);
      return searchApplications(deps.sql, deps.now, { servicePoint: c.servicePoint, sessionUser: c.sessionUser }, req.query);
    },
  );
}
