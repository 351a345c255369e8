import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_SCHEME } from '../common/app-origin';
import { mimeTypeFor, resolveAppPath, securityHeaders } from './app-path';

/**
 * `app://` is standard (relative URLs and origins work like https), secure (a secure
 * context: getUserMedia for the camera) and may use fetch. No `bypassCSP`, no
 * `corsEnabled` widening, no service workers. Must be registered before `app` is ready.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export type ReadFile = (path: string) => Promise<Buffer | null>;

/** Reads a regular file, or null when there is none (missing, a directory, unreadable). */
export const readRegularFile: ReadFile = async (path) => {
  try {
    if (!(await stat(path)).isFile()) return null;
    return await readFile(path);
  } catch {
    return null;
  }
};

/**
 * The app:// request handler: files from `rootDir` (the Vite build), `index.html` for
 * unknown routes (single-page app), 404 for unknown assets and refused paths, 405 for
 * anything but GET/HEAD. The CSP header goes on every response.
 */
export function createAppProtocolHandler(opts: { rootDir: string; csp: string; read?: ReadFile }) {
  const read = opts.read ?? readRegularFile;
  const headers = securityHeaders(opts.csp);
  const plain = (status: number, text: string) => new Response(text, { status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });

  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const resolved = resolveAppPath(opts.rootDir, request.url);
    if (!resolved.ok) return plain(404, 'Not found');
    let filePath = resolved.filePath;
    let body = await read(filePath);
    if (body === null && !resolved.isAsset) {
      filePath = join(opts.rootDir, 'index.html');
      body = await read(filePath);
    }
    if (body === null) return plain(404, 'Not found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...headers, 'content-type': mimeTypeFor(filePath), 'content-length': String(body.length) },
    });
  };
}
