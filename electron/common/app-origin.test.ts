import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl } from './app-origin';

describe('isAppUrl', () => {
  it.each([
    [APP_ORIGIN, true],
    [APP_ENTRY_URL, true],
    ['app://counterdesk/drafts/123?x=1#top', true],
    ['app://counterdesk.evil.example/', false],
    ['app://evil/', false],
    ['app://counterdesk@evil/', false],
    ['app://user:pw@counterdesk/', false],
    ['app://counterdesk:8080/', false],
    ['https://counterdesk/', false],
    ['file:///app/counterdesk/index.html', false],
    ['http://127.0.0.1:5173/', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});
