import { extname, join, relative, isAbsolute, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../common/app-origin';

export type AppPathResolution =
  | {
      ok: true;
      /** The file under the root that the URL names. */
      filePath: string;
      /** Names a file with an extension (script, style, image): never answered with index.html. */
      isAsset: boolean;
    }
  | { ok: false; reason: string };

const PREFIX = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Maps an `app://counterdesk/...` request onto a file under `rootDir`, or refuses it.
 * Checked on the raw URL, segment by segment after decoding, and again on the joined
 * path: `..` (plain or `%2e%2e`), backslashes (plain or `%5c`), NUL, drive letters and
 * absolute paths, other hosts, credentials and ports are all refused. Chromium already
 * normalises most of these, but the protocol handler must not rely on it.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): AppPathResolution {
  if (!requestUrl.toLowerCase().startsWith(PREFIX)) return { ok: false, reason: 'not the app origin' };
  const rest = requestUrl.slice(PREFIX.length);
  if (rest !== '' && !rest.startsWith('/')) return { ok: false, reason: 'host, port or credentials not allowed' };
  const rawPath = rest.split(/[?#]/, 1)[0] ?? '';
  if (rawPath.includes('\\')) return { ok: false, reason: 'backslash' };

  const segments: string[] = [];
  for (const raw of rawPath.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, reason: 'malformed escape' };
    }
    if (segment === '') continue;
    if (segment === '.' || segment === '..') return { ok: false, reason: 'dot segment' };
    if (/[/\\\0:]/.test(segment)) return { ok: false, reason: 'separator, NUL or colon in a segment' };
    segments.push(segment);
  }
  // A trailing slash or the bare origin means "a route", like any unknown route.
  if (segments.length === 0) return { ok: true, filePath: join(rootDir, 'index.html'), isAsset: false };

  const filePath = join(rootDir, ...segments);
  const rel = relative(rootDir, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    return { ok: false, reason: 'outside the root' };
  }
  const last = segments[segments.length - 1] ?? '';
  return { ok: true, filePath, isAsset: extname(last) !== '' };
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** Content-Type by extension; unknown files are served as opaque bytes (with nosniff). */
export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response, file or error. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-cache',
  };
}
