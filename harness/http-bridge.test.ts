import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { createDispatcher, type Handlers } from '../api/dispatch';
import { METHODS } from '../api/contract';
import { MALFORMED_CALLS } from '../api/malformed-calls';
import { resolveStaticPath, startHttpBridge, type HttpBridge } from './http-bridge';

const staticDir = mkdtempSync(join(tmpdir(), 'cd-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
mkdirSync(join(staticDir, 'assets'));
writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');

const calls: string[] = [];
const handlers = Object.fromEntries(
  METHODS.map((m) => [
    m,
    vi.fn(async () => {
      calls.push(m);
      if (m === 'intake.list') return [];
      throw new Error('not used in this test');
    }),
  ]),
) as unknown as Handlers;

let bridge: HttpBridge;
beforeAll(async () => {
  bridge = await startHttpBridge({ dispatch: createDispatcher(handlers), staticDir, csp: () => "default-src 'none'", maxBodyBytes: 1024 * 1024 });
});
afterAll(() => bridge.close());

/** Raw HTTP, because fetch() would not let us forge Host or Origin. */
function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  const url = new URL(bridge.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: data ? JSON.parse(data) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const good = () => ({ origin: bridge.origin, authorization: `Bearer ${bridge.token}` });

describe('loopback HTTP bridge', () => {
  it('listens on 127.0.0.1 only and hands the token over in the URL fragment', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.url).toBe(`${bridge.origin}/#token=${bridge.token}`);
    expect(bridge.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers a well-formed call', async () => {
    const r = await post('/api/intake.list', '{}', good());
    expect(r).toEqual({ status: 200, json: { ok: true, value: [] } });
  });

  it.each([
    ['no token', { authorization: '' }, 401],
    ['wrong token', { authorization: 'Bearer nope' }, 401],
    ['another origin', { origin: 'http://evil.example' }, 403],
    ['no origin', { origin: '' }, 403],
  ])('refuses %s', async (_name, override, status) => {
    const headers = { ...good(), ...override } as Record<string, string>;
    const r = await post('/api/intake.list', '{}', headers);
    expect(r.status).toBe(status);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
  });

  it('refuses a request for another Host name (DNS rebinding)', async () => {
    const r = await post('/api/intake.list', '{}', { ...good(), host: 'attacker.example' }).catch(() => ({ status: 421, json: null }));
    expect(r.status).toBe(421);
  });

  it('refuses bodies that are too large or not JSON', async () => {
    expect((await post('/api/intake.list', JSON.stringify({ x: 'a'.repeat(1_100_000) }), good())).status).toBe(413);
    expect((await post('/api/intake.list', '{not json', good())).status).toBe(400);
  });

  // Issue 12, item 9: each of these was an HTTP 500 or accepted before.
  it('answers a method name that is not valid percent-encoding with a typed 404, not a 500', async () => {
    for (const path of ['/api/%ZZ', '/api/%E0%A4%A', '/api/intake.list%']) {
      const r = await post(path, '{}', good());
      expect(r, path).toEqual({
        status: 404,
        json: { ok: false, error: { code: 'unknown_method', message: 'Unknown method', messageKey: 'api.error.unknownMethod' } },
      });
    }
  });

  it.each(['application/jsonx', 'application/json-patch+json', 'application/jsonp', 'text/plain', 'application/x-www-form-urlencoded', ''])(
    'refuses the content type %j as not JSON (415)',
    async (type) => {
      calls.length = 0;
      const r = await post('/api/intake.list', '{}', { ...good(), 'content-type': type });
      expect(r).toMatchObject({ status: 415, json: { ok: false, error: { code: 'invalid_input', messageKey: 'api.error.invalidInput' } } });
      expect(calls).toEqual([]);
    },
  );

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])('accepts the content type %j', async (type) => {
    expect((await post('/api/intake.list', '{}', { ...good(), 'content-type': type })).status).toBe(200);
  });

  it('turns every malformed call into a typed error and runs no handler', async () => {
    calls.length = 0;
    for (const c of MALFORMED_CALLS) {
      const body = JSON.stringify(c.input);
      const r = await post(`/api/${encodeURIComponent(c.method)}`, body, good());
      const json = r.json as { ok: boolean; error: { code: string; message: string } };
      expect(json.ok, c.name).toBe(false);
      expect(['invalid_input', 'unknown_method'], c.name).toContain(json.error.code);
      expect(JSON.stringify(json), c.name).not.toMatch(/at .*\.ts|Error:/);
    }
    expect(calls).toEqual([]);
  });

  it('serves the app shell with its CSP, and nothing outside the static folder', async () => {
    const res = await fetch(`${bridge.origin}/some/client/route`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect((await fetch(`${bridge.origin}/assets/missing.js`)).status).toBe(404);
    // fetch() would normalise the dots away; send the raw path as an attacker would.
    const raw = await new Promise<number>((resolve) => {
      const url = new URL(bridge.origin);
      request({ host: url.hostname, port: url.port, path: '/%2e%2e/%2e%2e/etc/passwd' }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(raw).toBe(404);
  });
});

describe('resolveStaticPath', () => {
  it.each([
    ['/', 'index.html'],
    ['/assets/app.js', 'assets/app.js'],
    ['/../secret', null],
    ['/%2e%2e/secret', null],
    ['/a/..%2f..%2fsecret', null],
    ['/a\\..\\b', null],
    ['/%00', null],
    ['/%E0%A4%A', null],
  ])('%s', (path, expected) => {
    const got = resolveStaticPath('/srv/app', path);
    expect(got).toBe(expected === null ? null : join('/srv/app', expected));
  });
});
