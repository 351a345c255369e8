import { isAppUrl } from '../common/app-origin';

/**
 * Origins that a link in the app may open in the system browser (never inside the app).
 * Government sites a clerk points a counter visitor to; https only.
 */
export const EXTERNAL_ORIGIN_ALLOWLIST: readonly string[] = ['https://www.gov.mo', 'https://entity-account.gov.mo'];

export type NavigationDecision = { action: 'allow' } | { action: 'deny'; openExternal?: string };

/** The URL to hand to the system browser, or null when `url` is not on the allowlist. */
export function externalUrlFor(url: string, allowlist: readonly string[] = EXTERNAL_ORIGIN_ALLOWLIST): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // Credentials in a link are a phishing trick (`https://www.gov.mo@evil.example`), and the
  // origin comparison alone would not show them to the clerk.
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return null;
  return allowlist.includes(parsed.origin) ? parsed.href : null;
}

/**
 * A page may only navigate within the app's own origin (Electron security checklist 13).
 * A plain link to an allowlisted government site opens in the system browser instead.
 */
export function decideNavigation(url: string, allowlist: readonly string[] = EXTERNAL_ORIGIN_ALLOWLIST): NavigationDecision {
  if (isAppUrl(url)) return { action: 'allow' };
  const external = externalUrlFor(url, allowlist);
  return external ? { action: 'deny', openExternal: external } : { action: 'deny' };
}

/**
 * No new windows ever (checklist 14); allowlisted links open in the system browser
 * (checklist 15: shell.openExternal only with vetted URLs).
 */
export function decideWindowOpen(url: string, allowlist: readonly string[] = EXTERNAL_ORIGIN_ALLOWLIST): { action: 'deny'; openExternal?: string } {
  const external = externalUrlFor(url, allowlist);
  return external ? { action: 'deny', openExternal: external } : { action: 'deny' };
}

interface PreventableEvent {
  preventDefault(): void;
}
interface NavigationEvent extends PreventableEvent {
  url: string;
}

/** The part of Electron's WebContents the guard needs (kept narrow so it can be tested). */
export interface GuardableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  openExternal: (url: string) => Promise<void>;
  log?: (msg: string) => void;
  allowlist?: readonly string[];
}

/** Installs the guards on one web contents; main calls it for every one that is created. */
export function installNavigationGuard(contents: GuardableContents, opts: NavigationGuardOptions): void {
  const log = opts.log ?? (() => {});
  const openExternal = (url: string) => {
    opts.openExternal(url).catch((e: unknown) => log(`could not open ${url} in the system browser: ${String(e)}`));
  };
  const onNavigate = (kind: string) => (event: NavigationEvent) => {
    const decision = decideNavigation(event.url, opts.allowlist);
    if (decision.action === 'allow') return;
    event.preventDefault();
    log(`${kind} to ${event.url} denied`);
    if (decision.openExternal) openExternal(decision.openExternal);
  };
  contents.on('will-navigate', onNavigate('navigation'));
  contents.on('will-frame-navigate', onNavigate('frame navigation'));
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, opts.allowlist).action === 'allow') return;
    // A redirect is never turned into an external open: the server chose it, not the clerk.
    event.preventDefault();
    log(`redirect to ${event.url} denied`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('webview attachment denied');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, opts.allowlist);
    if (decision.openExternal) openExternal(decision.openExternal);
    else log(`window.open of ${url} denied`);
    return { action: 'deny' };
  });
}
