import { describe, expect, it } from 'vitest';
import { buildCsp, isCspOrigin, parseCsp } from './csp';

describe('buildCsp', () => {
  it('locks every fetch directive down to our own origin', () => {
    const csp = parseCsp(buildCsp());
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'", "'wasm-unsafe-eval'"],
      'worker-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:'],
      'connect-src': ["'self'"],
      'font-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it.each([[[]], [['http://127.0.0.1:41234']], [['https://api.counterdesk.gov.mo', 'wss://api.counterdesk.gov.mo:8443']]])(
    'never allows inline or eval, whatever origins are added (%j)',
    (connectSrc) => {
      const csp = buildCsp({ connectSrc });
      // 'wasm-unsafe-eval' (WebAssembly compilation only, for the QR decoder) is the one exception.
      expect(csp.replace(" 'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-|'strict-dynamic'|\*|nonce-|sha256-/);
      expect(parseCsp(csp).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp).not.toMatch(/(^|;\s*)(script|style|worker)-src[^;]*(data:|blob:|https?:)/);
    },
  );

  it('adds extra API origins to connect-src only, once each', () => {
    const csp = parseCsp(buildCsp({ connectSrc: ['http://127.0.0.1:5000', 'http://127.0.0.1:5000', 'https://api.example.mo'] }));
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:5000', 'https://api.example.mo']);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });

  it.each([
    'https://api.example.mo; script-src *',
    "https://api.example.mo 'unsafe-eval'",
    'https://*.example.mo',
    '*',
    'https://api.example.mo/path',
    'javascript:alert(1)',
    'data:',
    'HTTPS://API.EXAMPLE.MO',
    '',
    'https://api.example.mo\nscript-src *',
  ])('refuses %j as a connect-src origin instead of widening the policy', (origin) => {
    expect(isCspOrigin(origin)).toBe(false);
    expect(() => buildCsp({ connectSrc: [origin] })).toThrow(/not a bare origin/);
  });

  it.each(['http://127.0.0.1:41234', 'http://localhost:5173', 'https://api.example.mo', 'wss://sync.example.mo:8443', 'http://[::1]:3000'])(
    'accepts the bare origin %s',
    (origin) => {
      expect(isCspOrigin(origin)).toBe(true);
    },
  );
});
