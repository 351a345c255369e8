import { SYNC_HEADERS } from '../../api/sync';
import { call, SyncCallError } from '../sync/http-link';
import { requireHttpsWhenPinned, tlsMismatchAsRefusal } from '../sync/enrolment';

/** The server refuses signed requests beyond this (docs/sync-protocol.md; server/http/signed-request.ts). */
export const ENROLMENT_MAX_SKEW_MS = 300_000;

/**
 * Before the administrator's one-time enrolment code is spent (issue 15): the server answers at
 * that address, and this computer's clock is within what the server accepts. Any answer will
 * do (the server stamps every one with its time); an address that does not answer, or a clock
 * that is off, is said to the administrator as such instead of as a spent code.
 */
export async function enrolmentPreflight(serverUrl: string, clock: () => Date, timeoutMs = 15_000, tlsSpkiSha256: string | null = null): Promise<void> {
  // A TLS key pinned by the machine configuration (issue 12 item 2) is checked here already: a
  // server with another key gets no request at all, and the administrator reads why.
  requireHttpsWhenPinned(serverUrl, tlsSpkiSha256);
  const res = await call(
    serverUrl,
    { method: 'GET', target: '/health', headers: {}, timeoutMs, nowSeconds: Math.floor(clock().getTime() / 1000) },
    tlsSpkiSha256,
  ).catch((e: unknown) => Promise.reject(tlsMismatchAsRefusal(e, tlsSpkiSha256)));
  const raw = res.headers[SYNC_HEADERS.serverTime];
  const serverTime = Date.parse(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
  if (!Number.isFinite(serverTime)) return;
  if (Math.abs(serverTime - clock().getTime()) > ENROLMENT_MAX_SKEW_MS) {
    throw new SyncCallError('refused', 'clock skew', 401, {
      code: 'clock_skew',
      messageKey: 'sync.error.clock_skew',
      params: { serverTime: new Date(serverTime).toISOString() },
    });
  }
}
