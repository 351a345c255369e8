import { SessionRequestSchema, SessionResponseSchema } from '../../api/sync/enrolment';
import { SYNC_PROTOCOL_VERSION } from '../../api/sync/common';
import { call, failureOf, jsonBody, type ServerPin } from './http-link';
import type { SigningKey } from './identity';

// A person's session on the central API, opened through this workstation when they sign in at
// the counter (the one moment the workstation has their password). The token goes out as
// Counterdesk-Session on requests made for them; `sessionId` is written into every op they make
// while it lasts, so the server can bind each op's actor to them (docs/sync-protocol.md §4).

export interface ServerSession {
  staffNumber: string;
  token: string;
  sessionId: string;
  expiresAt: string;
}

/** Refresh this long before expiry (a push may be in flight while the token runs out). */
export const SESSION_REFRESH_MARGIN_MS = 2 * 60_000;

export const sessionNeedsRefresh = (s: ServerSession, now: Date, marginMs = SESSION_REFRESH_MARGIN_MS): boolean =>
  Date.parse(s.expiresAt) - now.getTime() < marginMs;

export interface SessionLink {
  pin: ServerPin;
  key: SigningKey;
  nowSeconds: number;
  timeoutMs?: number;
}

/** POST /v1/session, signed by the workstation; a refusal carries the server's code (sign_in_failed). */
export const openServerSession = (link: SessionLink, staffNumber: string, password: string): Promise<ServerSession> =>
  postSession(link, { staffNumber, password });

/**
 * The same session with a fresh token and expiry (§4 rev 1.2), so the password is needed only
 * once per sign-in. A refusal (session_invalid) means the session ended on the server.
 */
export const renewServerSession = (link: SessionLink, s: ServerSession): Promise<ServerSession> =>
  postSession(link, { staffNumber: s.staffNumber, renewToken: s.token });

async function postSession(link: SessionLink, proof: { staffNumber: string; password?: string; renewToken?: string }): Promise<ServerSession> {
  const body = SessionRequestSchema.parse({ protocolVersion: SYNC_PROTOCOL_VERSION, ...proof });
  const res = await call(
    link.pin.baseUrl,
    {
      method: 'POST',
      target: '/v1/session',
      body: jsonBody(body),
      headers: { 'content-type': 'application/json' },
      sign: { key: link.key, pin: link.pin },
      timeoutMs: link.timeoutMs ?? 15_000,
      nowSeconds: link.nowSeconds,
    },
    link.pin.tlsSpkiSha256,
  );
  if (res.status !== 200) throw failureOf(res);
  const answer = SessionResponseSchema.parse(JSON.parse(res.body.toString('utf8')));
  return { staffNumber: answer.user.staffNumber, token: answer.token, sessionId: answer.sessionId, expiresAt: answer.expiresAt };
}
