import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Sql } from 'postgres';
import { z } from 'zod';
import { BlobParamsSchema, TUS_BODY_TYPE, TUS_ENDPOINT } from '../../api/sync/blobs';
import { ErrorBodySchema, SYNC_PROTOCOL_VERSION, UuidSchema } from '../../api/sync/common';
import { EnrolRequestSchema, EnrolResponseSchema, SessionRequestSchema, SessionResponseSchema } from '../../api/sync/enrolment';
import { HealthResponseSchema, ReadyResponseSchema } from '../../api/sync/health';
import { LedgerResponseSchema } from '../../api/sync/ledger';
import { PullQuerySchema, PullResponseSchema } from '../../api/sync/pull';
import { PushRequestSchema, PushResponseSchema } from '../../api/sync/push';
import { NONCE_PATTERN, SYNC_HEADERS as H, responseSignatureBase } from '../../api/sync/signing';
import type { BlobStore } from '../blobs/blob-store';
import { createScanUploads } from '../blobs/tus-uploads';
import { directPatch } from '../blobs/direct-patch';
import { isTusBodyType } from '../blobs/tus-headers';
import { creationWithUpload } from '../blobs/creation-with-upload';
import { TUS_RESUMABLE } from '@tus/utils';
import type { ServerKeys } from '../crypto/server-keys';
import { contentDigestOf, sha256Hex, signEd25519 } from '../crypto/signatures';
import { migrationState } from '../db/migrate';
import type { Clock } from '../db/types';
import type { FeedNotifier } from '../sync/feed-notifier';
import { withIdempotency } from '../sync/idempotency';
import { handleLedger } from '../sync/ledger-service';
import { handlePull } from '../sync/pull-service';
import { canonicalJsonHash, handlePush } from '../sync/push-service';
import { registerSearchRoute } from '../search/search-route';
import { registerBlobDownload } from './blob-download-route';
import { enrol, openSession } from './enrolment-routes';
import { asUnavailable, isDatabaseUnavailable } from '../db/availability';
import { errorBody, HttpRefusal, sendRefusal } from './errors';
import { authenticate, type Caller } from './signed-request';
import type { TlsMaterial } from './tls-config';

export interface AppDeps {
  sql: Sql;
  now: Clock;
  keys: ServerKeys;
  blobs: BlobStore;
  uploadDir: string;
  notifier: FeedNotifier;
  /** Serve HTTPS with this certificate (its SPKI hash is given to workstations at enrolment). */
  tls?: TlsMaterial | null;
  logger?: boolean;
}

/** JSON request bodies: 2 MB is far more than 100 ops; scans go through tus. */
export const BODY_LIMIT = 2 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    caller?: Caller;
  }
  interface FastifyContextConfig {
    signed?: boolean;
  }
}

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  409: ErrorBodySchema,
  410: ErrorBodySchema,
  413: ErrorBodySchema,
  422: ErrorBodySchema,
};
const signedHeaders = z.object({
  [H.workstation]: z.string().optional(),
  [H.timestamp]: z.string().optional(),
  [H.nonce]: z.string().optional(),
  [H.signature]: z.string().optional(),
  [H.contentDigest]: z.string().optional(),
  [H.protocol]: z.string().optional(),
});

function caller(req: FastifyRequest): Caller {
  if (!req.caller) throw new HttpRefusal(401, 'signature_missing');
  return req.caller;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { sql, now } = deps;
  const options = { logger: deps.logger ?? false, bodyLimit: BODY_LIMIT, return503OnClosing: true };
  // Typed as the plain-HTTP instance either way: the routes do not depend on the transport.
  const app = (
    deps.tls ? (Fastify({ ...options, https: { cert: deps.tls.cert, key: deps.tls.key } }) as unknown as FastifyInstance) : Fastify(options)
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON only (and tus bytes): anything else is 415, not a string handed to a JSON route.
  app.removeAllContentTypeParsers();
  // Keep the exact bytes: Content-Digest is over them, payload hashes over what was sent.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    req.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(new HttpRefusal(400, 'bad_request'), undefined);
    }
  });
  // tus bodies (PATCH, and POST with creation-with-upload) stay unread here; the tus server streams them to disk.
  app.addContentTypeParser(TUS_BODY_TYPE, (_req, _payload, done) => done(null));

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpRefusal) return sendRefusal(reply, err);
    // The database went away under a route (a long poll, a search, a download): 503, as at sign-in.
    if (isDatabaseUnavailable(err)) return sendRefusal(reply, asUnavailable(err) as HttpRefusal);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      return reply.code(400).send(errorBody('validation_failed', { field: `${err.validationContext ?? ''}${first?.instancePath ?? ''}`.slice(0, 200) }));
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) return reply.code(413).send(errorBody('payload_too_large'));
    if (status === 415) return reply.code(415).send(errorBody('unsupported_media_type'));
    if (status === 404) return reply.code(404).send(errorBody('not_found'));
    if (status >= 400 && status < 500) return reply.code(400).send(errorBody('bad_request'));
    // Never to the client; always to the operator, logger or not.
    if (deps.logger) req.log.error(err);
    else
      process.stderr.write(
        `counterdesk-server: ${req.method} ${req.url.split('?')[0]} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
    return reply.code(500).send(errorBody('internal'));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(errorBody('not_found')));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Counterdesk central API', version: `${SYNC_PROTOCOL_VERSION}.0.0`, description: 'Sync protocol v1: docs/sync-protocol.md' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (_req, reply) => {
    reply.header(H.serverTime, now().toISOString());
  });
  app.addHook('preValidation', async (req) => {
    if (!req.routeOptions.config.signed) return;
    // Scan bytes (a tus PATCH, or a creation that carries its first bytes) are not digested: the
    // finished blob is checked against its declared SHA-256 instead (docs/sync-protocol.md §6).
    const tusBytes = req.url.startsWith(TUS_ENDPOINT) && (req.method === 'PATCH' || (req.method === 'POST' && isTusBodyType(req.headers['content-type'])));
    req.caller = await authenticate(sql, now, req, req.rawBody, { unsignedBody: tusBytes });
  });
  // Responses to signed requests are signed with the key pinned at enrolment.
  // So are the refusals of a signed route (clock skew, revoked, replayed, unavailable): signed over
  // the request's own nonce, a refusal cannot be replayed to another request, and the workstation
  // can believe it — learn the server's time from a clock_skew, show "revoked" as revoked —
  // instead of taking it for an impostor's answer and retrying for ever.
  app.addHook('onSend', async (req, reply, payload) => {
    const nonce = req.caller?.nonce ?? refusedRequestNonce(req);
    if (!nonce || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const digest = contentDigestOf(payload);
    reply.header(H.contentDigest, digest);
    reply.header(
      H.serverSignature,
      signEd25519(deps.keys.signingKey, responseSignatureBase({ requestNonce: nonce, status: reply.statusCode, contentDigest: digest })),
    );
    return payload;
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/health', { schema: { response: { 200: HealthResponseSchema } } }, async () => ({ status: 'ok' as const }));
  app.get('/ready', { schema: { response: { 200: ReadyResponseSchema, 503: ReadyResponseSchema } } }, async (_req, reply) => {
    const database = await sql`SELECT 1`.then(
      () => true,
      () => false,
    );
    const migrations = database ? await migrationState(sql) : { applied: 0, expected: 0 };
    const ready = database && migrations.applied === migrations.expected;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', database, migrations });
  });

  app.post('/v1/enrol', { schema: { body: EnrolRequestSchema, response: { 200: EnrolResponseSchema, ...errors } } }, async (req) =>
    enrol(sql, now, req.body, { publicKey: deps.keys.publicKey, tlsSpkiSha256: deps.tls?.spkiSha256 ?? null }),
  );

  app.post(
    '/v1/session',
    { config: { signed: true }, schema: { headers: signedHeaders, body: SessionRequestSchema, response: { 200: SessionResponseSchema, ...errors } } },
    async (req) => {
      const c = caller(req);
      return openSession(sql, now, c.workstationId, c.servicePoint, req.body);
    },
  );

  app.post(
    '/v1/sync/push',
    {
      config: { signed: true },
      schema: { headers: signedHeaders.extend({ [H.idempotencyKey]: UuidSchema }), body: PushRequestSchema, response: { 200: PushResponseSchema, ...errors } },
      // Hash each payload as sent, before the schema fills in defaults.
      preValidation: async (req) => {
        const ops = (req.body as { ops?: unknown } | undefined)?.ops;
        (req as { payloadHashes?: string[] }).payloadHashes = Array.isArray(ops)
          ? ops.map((o) => canonicalJsonHash((o as { payload?: unknown })?.payload ?? null))
          : [];
      },
    },
    async (req, reply) => {
      const c = caller(req);
      const hashes = (req as { payloadHashes?: string[] }).payloadHashes ?? [];
      const key = req.headers[H.idempotencyKey] as string;
      const res = await withIdempotency(sql, now, { workstationId: c.workstationId, key, requestSha256: sha256Hex(req.rawBody ?? '') }, async () => {
        const out = await handlePush(
          sql,
          now,
          { workstationId: c.workstationId, servicePoint: c.servicePoint, sessionUser: c.sessionUser, sessionId: c.sessionId },
          req.body,
          hashes,
        );
        const keep = out.results.every((r) => r.status !== 'needs_blobs' && r.status !== 'needs_session' && r.status !== 'seq_gap');
        return { status: 200, body: JSON.stringify(PushResponseSchema.parse(out)), keep };
      });
      return reply
        .code(res.status)
        .type('application/json')
        .send(res.body as never);
    },
  );

  app.get(
    '/v1/sync/pull',
    { config: { signed: true }, schema: { headers: signedHeaders, querystring: PullQuerySchema, response: { 200: PullResponseSchema, ...errors } } },
    async (req) => handlePull(sql, now, deps.notifier, caller(req).servicePoint, req.query),
  );

  app.get(
    '/v1/sync/ledger',
    { config: { signed: true }, schema: { headers: signedHeaders, response: { 200: LedgerResponseSchema, ...errors } } },
    async (req) => handleLedger(sql, caller(req).workstationId),
  );

  app.get(
    '/v1/blobs/:sha256',
    {
      config: { signed: true },
      schema: {
        headers: signedHeaders,
        params: BlobParamsSchema,
        response: { 200: z.object({ sha256: z.string(), size: z.number() }).strict(), ...errors, 404: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      caller(req);
      const [b] = await sql<{ size: string }[]>`SELECT size FROM blobs WHERE sha256 = ${req.params.sha256}`;
      if (!b) return reply.code(404).send(errorBody('not_found'));
      return { sha256: req.params.sha256, size: Number(b.size) };
    },
  );

  registerBlobDownload(app, { sql, blobs: deps.blobs, signedHeaders, caller });
  registerSearchRoute(app, { sql, now, signedHeaders, caller });

  const uploads = createScanUploads({ sql, now, blobs: deps.blobs, uploadDir: deps.uploadDir });
  const tusRoute = { config: { signed: true }, schema: { hide: true } };
  const handleTus = async (req: FastifyRequest, reply: FastifyReply) => {
    caller(req);
    // The two requests a scan upload is made of come straight in (blobs/creation-with-upload.ts,
    // blobs/direct-patch.ts); every other tus request, well-formed or not, goes to @tus/server.
    const creation = creationWithUpload(req.method, req.url, req.headers);
    if (creation) {
      const stored = await uploads.receiveCreation(req.raw, creation);
      if (!stored) return reply.hijack(); // cut off: nobody to answer
      return reply.code(201).headers(stored).send();
    }
    const patch = directPatch(req.method, req.url, req.headers);
    if (patch) {
      const written = await uploads.receivePatch(req.raw, patch).catch((e: unknown) => {
        if (!isTusRefusal(e)) throw e;
        return e;
      });
      if (!written) return reply.hijack();
      if (isTusRefusal(written)) return reply.code(written.status_code).headers({ 'tus-resumable': TUS_RESUMABLE, connection: 'close' }).send(written.body);
      return reply.code(204).headers(written).send();
    }
    reply.hijack();
    await uploads.tus.handle(req.raw, reply.raw);
  };
  for (const url of [TUS_ENDPOINT, `${TUS_ENDPOINT}/*`]) {
    app.route({ method: ['POST', 'PATCH', 'HEAD', 'DELETE', 'OPTIONS'], url, ...tusRoute, handler: handleTus });
  }
  return app;
}

/** A refusal in @tus/server's form (its ERRORS, the completion's 460). */
const isTusRefusal = (e: unknown): e is { status_code: number; body: string } =>
  typeof e === 'object' && e !== null && typeof (e as { status_code?: unknown }).status_code === 'number' && typeof (e as { body?: unknown }).body === 'string';

/** The nonce of a request to a signed route that was refused before it named its caller (a well-formed one only). */
function refusedRequestNonce(req: FastifyRequest): string | undefined {
  if (!req.routeOptions.config?.signed) return undefined;
  const nonce = req.headers[H.nonce];
  return typeof nonce === 'string' && NONCE_PATTERN.test(nonce) ? nonce : undefined;
}
