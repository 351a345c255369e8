import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen, installNavigationGuard, type GuardableContents } from './navigation-guard';

describe('decideNavigation', () => {
  it.each([
    ['app://counterdesk/index.html', { action: 'allow' }],
    ['app://counterdesk/drafts/1', { action: 'allow' }],
    ['https://www.gov.mo/zh-hant/', { action: 'deny', openExternal: 'https://www.gov.mo/zh-hant/' }],
    ['https://entity-account.gov.mo/faq', { action: 'deny', openExternal: 'https://entity-account.gov.mo/faq' }],
    ['http://www.gov.mo/', { action: 'deny' }],
    ['https://www.gov.mo.evil.example/', { action: 'deny' }],
    ['https://www.gov.mo@evil.example/', { action: 'deny' }],
    ['https://user:pw@www.gov.mo/', { action: 'deny' }],
    ['https://www.gov.mo:8443/', { action: 'deny' }],
    ['https://evil.example/', { action: 'deny' }],
    ['file:///etc/passwd', { action: 'deny' }],
    ['app://evil/index.html', { action: 'deny' }],
    ['javascript:alert(1)', { action: 'deny' }],
    ['data:text/html,<script>alert(1)</script>', { action: 'deny' }],
    ['about:blank', { action: 'deny' }],
    ['', { action: 'deny' }],
  ])('%s → %j', (url, expected) => {
    expect(decideNavigation(url)).toEqual(expected);
  });
});

describe('decideWindowOpen', () => {
  it.each([
    ['app://counterdesk/index.html', { action: 'deny' }],
    ['https://www.gov.mo/', { action: 'deny', openExternal: 'https://www.gov.mo/' }],
    ['https://WWW.GOV.MO/path?q=1', { action: 'deny', openExternal: 'https://www.gov.mo/path?q=1' }],
    ['https://evil.example/', { action: 'deny' }],
    ['smb://fileserver/share', { action: 'deny' }],
    ['ms-settings:privacy', { action: 'deny' }],
    ['file:///C:/Windows/System32/calc.exe', { action: 'deny' }],
  ])('%s → %j', (url, expected) => {
    expect(decideWindowOpen(url)).toEqual(expected);
  });

  it('uses the allowlist it is given', () => {
    expect(decideWindowOpen('https://www.gov.mo/', [])).toEqual({ action: 'deny' });
    expect(decideWindowOpen('https://help.example.mo/x', ['https://help.example.mo'])).toEqual({
      action: 'deny',
      openExternal: 'https://help.example.mo/x',
    });
  });
});

type Listener = (event: { url: string; preventDefault(): void }) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardableContents = {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(h) {
      openHandler = h;
    },
  };
  const fire = (event: string, url = '') => {
    let prevented = false;
    listeners.get(event)?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }), listeners };
}

describe('installNavigationGuard', () => {
  it('blocks navigation and redirects away from the app, and opens only allowlisted links outside', async () => {
    const opened: string[] = [];
    const f = fakeContents();
    installNavigationGuard(f.contents, { openExternal: async (u) => void opened.push(u) });

    expect(f.fire('will-navigate', 'app://counterdesk/drafts')).toBe(false);
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'https://www.gov.mo/')).toBe(true);
    expect(f.fire('will-redirect', 'https://www.gov.mo/')).toBe(true);
    expect(f.fire('will-redirect', 'app://counterdesk/index.html')).toBe(false);
    expect(f.fire('will-attach-webview')).toBe(true);

    expect(f.open('https://entity-account.gov.mo/')).toEqual({ action: 'deny' });
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.open('app://counterdesk/index.html')).toEqual({ action: 'deny' });
    await Promise.resolve();
    // The redirect to gov.mo was server-chosen: only the clerk's click and window.open open it.
    expect(opened).toEqual(['https://www.gov.mo/', 'https://entity-account.gov.mo/']);
  });

  it('keeps going when the system browser cannot be opened', async () => {
    const logged: string[] = [];
    const f = fakeContents();
    installNavigationGuard(f.contents, { openExternal: () => Promise.reject(new Error('no browser')), log: (m) => logged.push(m) });
    f.open('https://www.gov.mo/');
    await new Promise((r) => setTimeout(r, 0));
    expect(logged.some((m) => m.includes('no browser'))).toBe(true);
  });
});
