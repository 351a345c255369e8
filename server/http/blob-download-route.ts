import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Sql } from 'postgres';
import { z } from 'zod';
import { BlobParamsSchema, MAX_BLOB_BYTES } from '../../api/sync/blobs';
import type { BlobStore } from '../blobs/blob-store';
import { errorBody, HttpRefusal } from './errors';
import type { Caller } from './signed-request';

/** A piece of a scan per request: progress can be shown and a cut connection resumes where it stopped. */
export const MAX_BLOB_PIECE_BYTES = 4 * 1024 * 1024;

export const BlobPieceQuerySchema = z
  .object({
    offset: z.coerce.number().int().min(0).max(MAX_BLOB_BYTES).default(0),
    length: z.coerce.number().int().min(1).max(MAX_BLOB_PIECE_BYTES).default(MAX_BLOB_PIECE_BYTES),
  })
  .strict();

/** Response header: the scan's whole size, so the workstation knows how many pieces to ask for. */
export const BLOB_SIZE_HEADER = 'counterdesk-blob-size';

/**
 * GET /v1/blobs/{sha256}/content (signed): the bytes of a scan, for a supervisor reviewing an
 * application taken in at another workstation of the same service point. Only scans of that
 * service point's applications are served; any other address answers 404, exactly as an unknown
 * one does, so a workstation cannot probe another service point's scans.
 */
export function registerBlobDownload(
  app: FastifyInstance,
  deps: { sql: Sql; blobs: BlobStore; signedHeaders: z.ZodType; caller: (req: FastifyRequest) => Caller },
): void {
  const { sql, blobs } = deps;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/blobs/:sha256/content',
    {
      config: { signed: true },
      schema: {
        headers: deps.signedHeaders,
        params: BlobParamsSchema,
        querystring: BlobPieceQuerySchema,
      },
    },
    async (req, reply) => {
      const c = deps.caller(req);
      const sha = req.params.sha256;
      const [row] = await sql<{ size: string }[]>`
        SELECT b.size FROM blobs b
        WHERE b.sha256 = ${sha}
          AND EXISTS (SELECT 1 FROM applications a WHERE a.service_point = ${c.servicePoint} AND ${sha} = ANY(a.blobs))`;
      if (!row) return reply.code(404).send(errorBody('not_found'));
      const size = Number(row.size);
      const { offset, length } = req.query;
      if (offset > size || (offset === size && size > 0)) throw new HttpRefusal(400, 'validation_failed', { field: 'offset' });
      // The blob store verifies the whole file against its address before any byte leaves.
      const bytes = await blobs.get(sha);
      return reply
        .code(200)
        .header(BLOB_SIZE_HEADER, String(size))
        .type('application/octet-stream')
        .send(bytes.subarray(offset, Math.min(size, offset + length)));
    },
  );
}
