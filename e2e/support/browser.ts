import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { t } from './ui-text';

const require = createRequire(import.meta.url);

/** Debian's Chromium unless COUNTERDESK_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.COUNTERDESK_CHROMIUM ?? '/usr/bin/chromium';

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-features=Translate',
];

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set COUNTERDESK_CHROMIUM`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...BASE_ARGS, ...extraArgs] });
}

/** Collects CSP violations and uncaught page errors: an E2E run that produced any is a failure. */
export function watchPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  return problems;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core over the current screen: any violation, whatever its impact, fails the test. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // evaluate() runs through the DevTools protocol, so the page's strict CSP stays in force.
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  })) as AxeViolation[];
  const serious = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${screen}`).toEqual([]);
}

export interface PageCallResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string; messageKey?: string };
}

/**
 * An API call made from inside the page with the page's own harness token: what the
 * renderer's client sends, or what a tampered renderer could send instead of using the UI.
 */
export async function callFromPage(page: Page, method: string, input: unknown): Promise<PageCallResult> {
  return page.evaluate(
    async ([m, body]) => {
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + sessionStorage.getItem('counterdesk.harnessToken') },
        body: JSON.stringify(body),
      });
      return (await res.json()) as PageCallResult;
    },
    [method, input] as const,
  );
}

/**
 * Back to the sign-in screen whatever the previous test left behind (one app per file):
 * signs out through the page's own API client, reloads, waits for the sign-in heading.
 */
export async function backToSignIn(page: Page): Promise<void> {
  await callFromPage(page, 'auth.signOut', {});
  await page.reload();
  await page.getByRole('heading', { name: t('auth.signIn.title'), level: 1 }).waitFor();
}
