/**
 * The Content-Security-Policy of every page the app serves, in Electron (app:// protocol)
 * and in the browser harness alike. Pure (no Electron, no Node) so both can import it.
 *
 * Deliberately without 'unsafe-inline' and 'unsafe-eval': a compromised or injected string
 * in the renderer must not be able to run script or inline styles. 'wasm-unsafe-eval' lets the
 * page compile WebAssembly only (the QR decoder, ZXing-C++, served from 'self'; issue 16): it
 * does not allow eval() or new Function().
 */
export interface CspOptions {
  /**
   * Extra origins the page may fetch from besides its own (`'self'`): the harness's API
   * origin, later the central API. Bare origins only (`https://host[:port]`).
   */
  connectSrc?: readonly string[];
}

// A bare origin: scheme, host, optional port, nothing else. Anything richer (paths,
// wildcards, quotes, semicolons, spaces) could widen or break the policy.
const ORIGIN_PATTERN = /^(https?|wss?):\/\/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?$/;
const IPV6_ORIGIN_PATTERN = /^(https?|wss?):\/\/\[[0-9a-f:.]+\](?::\d{1,5})?$/;

export function isCspOrigin(origin: string): boolean {
  return ORIGIN_PATTERN.test(origin) || IPV6_ORIGIN_PATTERN.test(origin);
}

export function buildCsp(opts: CspOptions = {}): string {
  const extra: string[] = [];
  for (const origin of opts.connectSrc ?? []) {
    if (!isCspOrigin(origin)) throw new Error(`CSP connect-src: not a bare origin: ${JSON.stringify(origin)}`);
    if (!extra.includes(origin)) extra.push(origin);
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    // The pdf.js worker that draws PDF scans (issue 13 item 10) is a bundled file served by the
    // app itself. Said explicitly (rather than left to fall back to script-src) so no blob: or
    // data: worker is ever allowed.
    ['worker-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    // Camera preview (QR codes, document capture) plays a MediaStream through <video>.
    ['media-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'", ...extra]],
    ['font-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Parses a policy back into directive → sources; for tests and diagnostics. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}
