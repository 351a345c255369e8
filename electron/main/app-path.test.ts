import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppPath, securityHeaders } from './app-path';

const ROOT = '/opt/counterdesk/resources/app.asar/dist/renderer';

describe('resolveAppPath', () => {
  it.each([
    ['app://counterdesk', 'index.html', false],
    ['app://counterdesk/', 'index.html', false],
    ['app://counterdesk/index.html', 'index.html', true],
    ['app://counterdesk/assets/index-3f2a.js', 'assets/index-3f2a.js', true],
    ['app://counterdesk/assets/index-3f2a.js?v=2#x', 'assets/index-3f2a.js', true],
    ['app://counterdesk/drafts/42', 'drafts/42', false],
    ['app://counterdesk/assets/%E6%BE%B3.png', 'assets/澳.png', true],
    ['app://counterdesk/a//b.css', 'a/b.css', true],
    ['APP://COUNTERDESK/index.html', 'index.html', true],
  ])('%s → %s (asset: %s)', (url, rel, isAsset) => {
    expect(resolveAppPath(ROOT, url)).toEqual({ ok: true, filePath: join(ROOT, rel), isAsset });
  });

  it.each([
    'app://counterdesk/../secret.txt',
    'app://counterdesk/assets/../../secret.txt',
    'app://counterdesk/%2e%2e/secret.txt',
    'app://counterdesk/%2E%2E/%2E%2E/etc/passwd',
    'app://counterdesk/.%2e/secret.txt',
    'app://counterdesk/assets/%2e/x.js',
    'app://counterdesk/..%2fsecret.txt',
    'app://counterdesk/..%2Fsecret.txt',
    'app://counterdesk/..%5csecret.txt',
    'app://counterdesk/..\\secret.txt',
    'app://counterdesk/assets\\..\\..\\secret.txt',
    'app://counterdesk/%2fetc/passwd',
    'app://counterdesk/C:%5cWindows%5cwin.ini',
    'app://counterdesk/C:/Windows/win.ini',
    'app://counterdesk/index.html%00.png',
    'app://counterdesk/%E0%A4%A',
    'app://counterdesk.evil/index.html',
    'app://evil/index.html',
    'app://counterdesk@evil/index.html',
    'app://counterdesk:8080/index.html',
    'file:///etc/passwd',
    'https://counterdesk/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(ROOT, url).ok).toBe(false);
  });

  it('never resolves outside the root, whatever the decoded segments are', () => {
    for (const s of ['%252e%252e', '...', '....', '%20..', '..%20', '~', '%7e']) {
      const r = resolveAppPath(ROOT, `app://counterdesk/${s}/x.js`);
      if (r.ok) expect(r.filePath.startsWith(`${ROOT}/`)).toBe(true);
    }
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.JS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.ttf', 'font/ttf'],
    ['a.wasm', 'application/wasm'],
    ['a.exe', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('securityHeaders', () => {
  it('carries the CSP and forbids MIME sniffing', () => {
    const h = securityHeaders("default-src 'none'");
    expect(h['content-security-policy']).toBe("default-src 'none'");
    expect(h['x-content-type-options']).toBe('nosniff');
  });
});
