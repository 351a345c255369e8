import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { ErrorBodySchema, SYNC_PROTOCOL_VERSION, type Refusal } from '../../api/sync/common';
import { SYNC_HEADERS, UNSIGNED_BODY_DIGEST, contentDigestValue, requestSignatureBase, responseSignatureBase } from '../../api/sync/signing';
import { verifySignature, type SigningKey } from './identity';

/** What the workstation knows about the server once enrolled (pinned at enrolment). */
export interface ServerPin {
  baseUrl: string;
  workstationId: string;
  /** Every signed response must verify with this key. */
  serverPublicKey: string;
  /** SHA-256 (hex) of the TLS certificate's SubjectPublicKeyInfo; null on plain HTTP. */
  tlsSpkiSha256: string | null;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Over HTTPS: SHA-256 (hex) of the SubjectPublicKeyInfo the server presented (what enrolment pins). */
  tlsSpkiSha256?: string;
}

/** Why a call did not get an answer it could use. `kind` decides what the worker does next. */
export class SyncCallError extends Error {
  constructor(
    readonly kind: 'network' | 'server' | 'refused' | 'identity',
    message: string,
    readonly status?: number,
    readonly refusal?: Refusal,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const sha256Base64 = (b: Buffer): string => createHash('sha256').update(b).digest('base64');
export const sha256Hex = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export interface CallOptions {
  method: string;
  /** Path and query, e.g. `/v1/sync/push`. */
  target: string;
  body?: Buffer;
  headers?: Record<string, string>;
  /** Unsigned calls: enrolment (no key yet) and the public health probe. */
  sign?: { key: SigningKey; pin: ServerPin; session?: string; digestBody?: boolean };
  /**
   * Check Counterdesk-Server-Signature against the pinned key (default when signing).
   * 'when_present': the scan calls (HEAD blob, tus) whose empty answers the reference server
   * leaves unsigned; a forged answer there cannot lose data: the push's signed needs_blobs and
   * the server's whole-file hash check decide.
   */
  verifyResponse?: boolean | 'when_present';
  timeoutMs: number;
  /** Unix seconds by the workstation clock (the injected one). */
  nowSeconds: number;
  signal?: AbortSignal;
  /** Kept-alive connections to this server (createConnectionPool); without it, one connection per call. */
  pool?: ConnectionPool;
  /**
   * Someone else carries the request and its body (the scan thread sends a scan's bytes, which
   * never enter this thread's heap): the body is `bodyLength` bytes this side does not hold, so
   * it cannot be in the signature (digestBody: false, as for every tus request with bytes). The
   * carrier throws SyncCallError as exchange does (StaleConnection for a reused connection that broke).
   */
  carrier?: {
    bodyLength: number;
    exchange: (url: URL, method: string, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal) => Promise<HttpResponse>;
  };
}

/**
 * Kept-alive connections to one server. A new TCP (and TLS) connection per request cost more
 * than the request itself in a drain (6.3 connections per application); with a pin, every new
 * connection is still checked before anything is written on it, and a reused one was checked
 * when it opened.
 */
export interface ConnectionPool {
  readonly agent: HttpAgent;
  close(): void;
}

export function createConnectionPool(baseUrl: string, tlsPin: string | null, o: { maxSockets: number; connectTimeoutMs: number }): ConnectionPool {
  const url = new URL(baseUrl);
  // An idle connection is dropped after this long (and sooner when the server's Keep-Alive hint says so).
  const options = { keepAlive: true, maxSockets: o.maxSockets, maxFreeSockets: o.maxSockets, timeout: 30_000, scheduling: 'lifo' as const };
  let agent: HttpAgent;
  if (url.protocol === 'https:' && tlsPin !== null) {
    const connect = pinnedConnection(url, tlsPin, o.connectTimeoutMs);
    agent = new (class extends HttpsAgent {
      override createConnection(opts: unknown, done: (err: Error | null, socket: Duplex) => void) {
        return connect(opts, done) as never;
      }
    })(options);
  } else {
    agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
  }
  return { agent, close: () => agent.destroy() };
}

/**
 * SHA-256 (hex) of the certificate's DER SubjectPublicKeyInfo. Not `cert.pubkey`: for an EC key
 * that is the bare curve point, not the SubjectPublicKeyInfo the server announces and pins use.
 */
export function spkiSha256Of(cert: PeerCertificate): string {
  if (!cert.raw) return '';
  return sha256Hex(new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' }));
}

/** The pinned SPKI check for HTTPS. */
function pinnedIdentity(expected: string) {
  return (_host: string, cert: PeerCertificate): Error | undefined => {
    const got = spkiSha256Of(cert);
    return got === expected ? undefined : new Error(`server TLS key ${got.slice(0, 12)} is not the one pinned at enrolment`);
  };
}

/** One HTTP exchange with the server: signs the request, verifies the response, classifies failures. */
export async function call(baseUrl: string, opts: CallOptions, tlsPin: string | null = null): Promise<HttpResponse> {
  try {
    return await callOnce(baseUrl, opts, tlsPin);
  } catch (e) {
    // A kept-alive connection the server closed just as we wrote on it: nothing was answered,
    // so the request goes once more on a fresh connection (re-signed: a new nonce). Every call
    // is safe to repeat (pushes carry an Idempotency-Key, tus answers a stale offset with 409).
    if (e instanceof StaleConnection) return callOnce(baseUrl, opts, tlsPin);
    throw e;
  }
}

/** A reused keep-alive connection broke before any answer came (call() sends the request once more, signed anew). */
export class StaleConnection extends SyncCallError {}

async function callOnce(baseUrl: string, opts: CallOptions, tlsPin: string | null): Promise<HttpResponse> {
  const url = new URL(opts.target, baseUrl);
  const body = opts.body ?? Buffer.alloc(0);
  const carrier = opts.carrier;
  if (carrier && (body.length > 0 || (opts.sign && opts.sign.digestBody !== false)))
    throw new Error('a carried body is never in the request signature, and the call holds none itself');
  const headers: Record<string, string> = { [SYNC_HEADERS.protocol]: String(SYNC_PROTOCOL_VERSION), ...opts.headers };
  let nonce = '';
  if (opts.sign) {
    nonce = randomBytes(16).toString('base64url');
    const digest = opts.sign.digestBody === false ? UNSIGNED_BODY_DIGEST : contentDigestValue(sha256Base64(body));
    headers[SYNC_HEADERS.contentDigest] = digest; // `-` on tus PATCH (docs/sync-protocol.md §3)
    const timestamp = String(opts.nowSeconds);
    const session = opts.sign.session ?? '';
    headers[SYNC_HEADERS.workstation] = opts.sign.pin.workstationId;
    headers[SYNC_HEADERS.timestamp] = timestamp;
    headers[SYNC_HEADERS.nonce] = nonce;
    if (session) headers[SYNC_HEADERS.session] = session;
    headers[SYNC_HEADERS.signature] = opts.sign.key.sign(
      requestSignatureBase({
        method: opts.method,
        target: url.pathname + url.search,
        workstationId: opts.sign.pin.workstationId,
        timestamp,
        nonce,
        contentDigest: digest,
        session,
      }),
    );
  }
  const length = carrier ? carrier.bodyLength : body.length;
  if (length > 0 || opts.method === 'POST' || opts.method === 'PATCH') headers['content-length'] = String(length);
  const res = carrier
    ? await carrier.exchange(url, opts.method, headers, opts.timeoutMs, opts.signal)
    : await exchange(url, opts.method, headers, body, opts.timeoutMs, tlsPin, opts.signal, opts.pool);
  const unsignedOk = opts.verifyResponse === 'when_present' && header(res, SYNC_HEADERS.serverSignature) === undefined;
  if (opts.sign && opts.verifyResponse !== false && !unsignedOk) checkResponse(res, nonce, opts.sign.pin.serverPublicKey, opts.method === 'HEAD');
  return res;
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Gateway and availability statuses: 502 Bad Gateway, 503 Service Unavailable, 504 Gateway Timeout. */
const UNAVAILABLE = new Set([502, 503, 504]);

function checkResponse(res: HttpResponse, nonce: string, serverKey: string, bodiless: boolean): void {
  const digest = header(res, SYNC_HEADERS.contentDigest) ?? '';
  const signature = header(res, SYNC_HEADERS.serverSignature);
  // A response that does not carry the pinned key's signature is not from our server (or was altered).
  // A HEAD answer's digest is of the body a GET would carry; HEAD sends none, so only the signature can be checked.
  // An unsigned "unavailable" is what a server node answers while it shuts down or restarts
  // (Fastify's 503 on closing) and what a proxy in front of it answers while it is away: the
  // server is not there, which is not the alarm of an impostor. It says nothing (it is not used
  // as an answer), so a forged one can only delay the next try, as a cut cable would.
  if (!signature && UNAVAILABLE.has(res.status)) throw new SyncCallError('server', `response ${res.status} (unsigned): the server is unavailable`, res.status);
  if (!signature || (!bodiless && digest !== contentDigestValue(sha256Base64(res.body)))) {
    throw new SyncCallError('identity', `response ${res.status} is not signed by the server pinned at enrolment`, res.status);
  }
  if (!verifySignature(serverKey, responseSignatureBase({ requestNonce: nonce, status: res.status, contentDigest: digest }), signature)) {
    throw new SyncCallError('identity', `response ${res.status} signature does not verify with the pinned server key`, res.status);
  }
}

/**
 * With a pin, the pinned key is the trust anchor (a service point's self-signed certificate is as
 * good as a CA-issued one once enrolled): the TLS connection is made first, its key checked, and
 * only then is the request written on it — nothing signed is sent to a server that is not ours.
 */
function pinnedConnection(url: URL, expected: string, timeoutMs: number) {
  return (_options: unknown, done: (err: Error | null, socket: Duplex) => void): undefined => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const isIp = /^[\d.]+$/.test(host) || host.includes(':');
    const socket = tlsConnect({
      host,
      port: Number(url.port || 443),
      ...(isIp ? {} : { servername: host }),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      if (err) socket.destroy();
      done(err, socket);
    };
    socket.setTimeout(timeoutMs, () => settle(new SyncCallError('network', `no TLS handshake within ${timeoutMs} ms`)));
    socket.once('secureConnect', () => {
      const wrong = pinnedIdentity(expected)(host, socket.getPeerCertificate());
      settle(wrong ? new SyncCallError('identity', wrong.message) : null);
    });
    socket.once('error', (e) => settle(new SyncCallError('network', e.message)));
    return undefined;
  };
}

function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
  tlsPin: string | null,
  signal?: AbortSignal,
  pool?: ConnectionPool,
) {
  return new Promise<HttpResponse>((resolve, reject) => {
    const isHttps = url.protocol === 'https:';
    // Pinned: our own connection, checked before the request is written (Node uses createConnection
    // only without an agent; the pool's agent does the same check). Not pinned (enrolment without a
    // fingerprint): the certificate authorities and the host name decide, as for any HTTPS client.
    const transport = pool
      ? { agent: pool.agent }
      : isHttps && tlsPin !== null
        ? { createConnection: pinnedConnection(url, tlsPin, timeoutMs) }
        : { agent: false as const };
    let answered = false;
    const req: ClientRequest = (isHttps ? httpsRequest : httpRequest)(url, { method, headers, ...transport, ...(signal ? { signal } : {}) }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      const peer = isHttps ? (res.socket as TLSSocket).getPeerCertificate?.() : undefined;
      const spki = peer?.raw ? spkiSha256Of(peer) : undefined;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ...(spki ? { tlsSpkiSha256: spki } : {}) }),
      );
      res.on('error', (e) => reject(new SyncCallError('network', `response broke off: ${e.message}`)));
      res.on('aborted', () => reject(new SyncCallError('network', 'response broke off')));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (req.reusedSocket && !answered && !signal?.aborted && (code === 'ECONNRESET' || code === 'EPIPE')) reject(new StaleConnection('network', e.message));
      else reject(e instanceof SyncCallError ? e : new SyncCallError('network', e.message));
    });
    writeBody(req, body);
  });
}

/** Bytes handed to the socket per turn of the event loop: copying a 500 KB scan in one go holds the core's thread for milliseconds. */
const WRITE_SLICE = 64 * 1024;

function writeBody(req: ClientRequest, body: Buffer): void {
  if (body.length <= WRITE_SLICE) return void req.end(body);
  let at = 0;
  const next = () => {
    if (req.destroyed) return;
    const piece = body.subarray(at, Math.min(body.length, at + WRITE_SLICE));
    at += piece.length;
    if (at >= body.length) return void req.end(piece);
    // Whether or not the socket took it at once, the next piece waits for the next turn.
    if (req.write(piece)) setImmediate(next);
    else req.once('drain', next);
  };
  next();
}

/** Turn a non-2xx answer into a SyncCallError carrying the server's refusal (never its stack). */
export function failureOf(res: HttpResponse): SyncCallError {
  let refusal: Refusal | undefined;
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(res.body.toString('utf8')));
    if (parsed.success) refusal = parsed.data.error;
  } catch {
    /* not JSON: the status alone says what to do */
  }
  const ra = Number(header(res, 'retry-after'));
  const retryAfterMs = Number.isFinite(ra) && ra > 0 ? ra * 1000 : undefined;
  const kind = res.status >= 500 || res.status === 429 || res.status === 408 || refusal?.code === 'idempotency_in_progress' ? 'server' : 'refused';
  return new SyncCallError(kind, `server answered ${res.status}${refusal ? ` ${refusal.code}` : ''}`, res.status, refusal, retryAfterMs);
}

export function jsonBody(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}
