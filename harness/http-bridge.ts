import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../api/dispatch';
import type { ApiResult } from '../api/result';

/**
 * Development / E2E transport: the same dispatcher as Electron IPC, behind a loopback HTTP
 * server. Never shipped in the packaged app (electron-builder.yml excludes harness/).
 *
 * Threat model: other web pages in the same browser and other local processes. So:
 * - bound to 127.0.0.1 only, and the Host header must name that address (DNS rebinding);
 * - API calls need the per-launch token, which is only ever handed out in the URL fragment
 *   printed on the console (never served by the server itself);
 * - the Origin header must be this server's own origin (a cross-site page cannot forge it).
 */
export interface HttpBridgeOptions {
  dispatch: Dispatch;
  /** The Vite-built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Content-Security-Policy sent with every page. */
  csp: (apiOrigin: string) => string;
  maxBodyBytes?: number;
}

export interface HttpBridge {
  origin: string;
  /** The URL to open: origin + fragment carrying the token. */
  url: string;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Maps a request path into staticDir, or null when it tries to leave it. */
export function resolveStaticPath(staticDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  // Refuse rather than normalise: a request that climbs with `..` is never a real asset.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null;
  const rel = normalize(decoded).replace(/^\/+/, '');
  const full = join(staticDir, rel === '' || rel === '.' ? 'index.html' : rel);
  const root = normalize(staticDir + sep);
  return full.startsWith(root) ? full : null;
}

function sameToken(expected: string, header: string | undefined): boolean {
  const got = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const a = Buffer.from(expected);
  const b = Buffer.from(got);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

const refusal = (code: 'unauthorised' | 'invalid_input', message: string): ApiResult<never> => ({
  ok: false,
  error: { code, message, messageKey: code === 'unauthorised' ? 'api.error.unauthorised' : 'api.error.invalidInput' },
});

const UNKNOWN_METHOD: ApiResult<never> = { ok: false, error: { code: 'unknown_method', message: 'Unknown method', messageKey: 'api.error.unknownMethod' } };

/** `application/json` with any parameters, in any case; not `application/jsonx` or `…+json` (issue 12, item 9). */
export function isJsonType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The method name from the path, or null when it is not valid percent-encoding (`/api/%ZZ` was a 500). */
function decodedMethod(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHttpBridge(opts: HttpBridgeOptions): Promise<HttpBridge> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let origin = '';
  let host = '';

  const server = createServer(async (req, res) => {
    try {
      if (req.headers.host !== host) {
        res.writeHead(421).end();
        return;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path.startsWith('/api/')) {
        await handleApi(req, res, path.slice('/api/'.length));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      await serveStatic(res, path);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return sendJson(res, 405, refusal('invalid_input', 'POST only'));
    if (req.headers.origin !== origin) return sendJson(res, 403, refusal('unauthorised', 'Wrong origin'));
    if (!sameToken(token, req.headers.authorization)) return sendJson(res, 401, refusal('unauthorised', 'Missing or wrong token'));
    if (!isJsonType(req.headers['content-type'])) {
      return sendJson(res, 415, refusal('invalid_input', 'JSON only'));
    }
    const body = await readBody(req, maxBody);
    if (body === null) {
      res.setHeader('connection', 'close');
      return sendJson(res, 413, refusal('invalid_input', 'Request too large'));
    }
    let input: unknown;
    try {
      input = body === '' ? {} : JSON.parse(body);
    } catch {
      return sendJson(res, 400, refusal('invalid_input', 'Body is not JSON'));
    }
    const name = decodedMethod(method);
    if (name === null) return sendJson(res, 404, UNKNOWN_METHOD);
    const result = await opts.dispatch(name, input, { transport: 'http' });
    sendJson(res, 200, result);
  }

  async function serveStatic(res: ServerResponse, urlPath: string) {
    let file = resolveStaticPath(opts.staticDir, urlPath);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const isFile = await stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
    // Client-side routes fall back to the app shell; missing assets stay 404.
    if (!isFile) {
      if (extname(file) !== '') {
        res.writeHead(404).end();
        return;
      }
      file = join(opts.staticDir, 'index.html');
    }
    const bytes = await readFile(file);
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': opts.csp(origin),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
    });
    res.end(bytes);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
