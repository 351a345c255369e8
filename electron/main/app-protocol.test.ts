import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCsp } from '../common/csp';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';

let base: string;
let root: string;
let handle: (r: Request) => Promise<Response>;
const csp = buildCsp();

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cd-proto-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Counterdesk</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'the database key');
  handle = createAppProtocolHandler({ rootDir: root, csp });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('registers app:// as a standard, secure scheme without bypassing CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
  });

  it.each([
    ['app://counterdesk/', 200, 'text/html; charset=utf-8', 'Counterdesk'],
    ['app://counterdesk/assets/app.js', 200, 'text/javascript; charset=utf-8', 'console.log'],
    ['app://counterdesk/assets/app.css', 200, 'text/css; charset=utf-8', 'body'],
    ['app://counterdesk/drafts/42', 200, 'text/html; charset=utf-8', 'Counterdesk'],
    ['app://counterdesk/assets/missing.js', 404, 'text/plain; charset=utf-8', 'Not found'],
    ['app://counterdesk/assets', 200, 'text/html; charset=utf-8', 'Counterdesk'],
    ['app://counterdesk/%2e%2e/secret.txt', 404, 'text/plain; charset=utf-8', 'Not found'],
    ['app://counterdesk/..%2fsecret.txt', 404, 'text/plain; charset=utf-8', 'Not found'],
    ['app://evil/index.html', 404, 'text/plain; charset=utf-8', 'Not found'],
  ])('%s → %i %s', async (url, status, type, bodyPart) => {
    const res = await get(url);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = await res.text();
    expect(body).toContain(bodyPart);
    expect(body).not.toContain('the database key');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://counterdesk/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://counterdesk/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(csp);
  });
});
