import type { FastifyReply } from 'fastify';
import type { MessageParamsSchema, SyncErrorCode } from '../../api/sync/common';
import type { z } from 'zod';

type Params = z.infer<typeof MessageParamsSchema>;

/** A refusal with its HTTP status; the error handler turns it into the protocol's error body. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    readonly params?: Params,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const errorBody = (code: SyncErrorCode, params?: Params) => ({ error: { code, messageKey: `sync.error.${code}`, ...(params ? { params } : {}) } });

export function sendRefusal(reply: FastifyReply, r: HttpRefusal) {
  for (const [k, v] of Object.entries(r.headers)) reply.header(k, v);
  return reply.code(r.status).type('application/json').send(errorBody(r.code, r.params));
}
