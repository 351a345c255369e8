// Request and response signing (docs/sync-protocol.md §3). Only the strings to sign are built
// here (pure); the Ed25519 signing and SHA-256 digests are done by node:crypto on each side.

export const SYNC_HEADERS = {
  protocol: 'counterdesk-protocol',
  workstation: 'counterdesk-workstation',
  timestamp: 'counterdesk-timestamp',
  nonce: 'counterdesk-nonce',
  signature: 'counterdesk-signature',
  session: 'counterdesk-session',
  /** RFC 9530: `sha-256=:<base64 of the SHA-256 of the exact body bytes>:` */
  contentDigest: 'content-digest',
  idempotencyKey: 'idempotency-key',
  serverTime: 'counterdesk-server-time',
  serverSignature: 'counterdesk-server-signature',
} as const;

/** How far a request's timestamp may be from the server's clock, in seconds. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** Nonces: 16–64 characters of base64url (a UUID's hex with dashes also fits). */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** tus bodies (a PATCH, or a creation carrying its first bytes) are not digested: the finished blob is checked against its SHA-256 instead. */
export const UNSIGNED_BODY_DIGEST = '-';

export interface RequestToSign {
  method: string;
  /** Path and query exactly as sent on the request line, e.g. `/v1/sync/pull?cursor=abc&wait=25`. */
  target: string;
  workstationId: string;
  /** Unix time in whole seconds, as sent in Counterdesk-Timestamp. */
  timestamp: string;
  nonce: string;
  /** The Content-Digest header value, or UNSIGNED_BODY_DIGEST for a tus body. */
  contentDigest: string;
  /** The Counterdesk-Session header value, or '' when none is sent. */
  session: string;
}

/** The exact UTF-8 text a workstation signs with its Ed25519 key. */
export function requestSignatureBase(r: RequestToSign): string {
  return ['counterdesk-request-v1', r.method.toUpperCase(), r.target, r.workstationId, r.timestamp, r.nonce, r.contentDigest, r.session].join('\n');
}

export interface ResponseToSign {
  /** The request's nonce: binds the answer to the question. */
  requestNonce: string;
  status: number;
  /** The response's Content-Digest header value. */
  contentDigest: string;
}

/** The exact UTF-8 text the server signs with the key pinned at enrolment. */
export function responseSignatureBase(r: ResponseToSign): string {
  return ['counterdesk-response-v1', r.requestNonce, String(r.status), r.contentDigest].join('\n');
}

/** Value of a Content-Digest header for a SHA-256 digest given in base64. */
export const contentDigestValue = (sha256Base64: string): string => `sha-256=:${sha256Base64}:`;
