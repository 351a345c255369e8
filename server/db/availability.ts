import { HttpRefusal } from '../http/errors';

// PostgreSQL unreachable, restarting or shutting down (a node keeps running through it and
// answers 503 `unavailable` meanwhile, docs/sync-protocol.md §8). Codes: postgres.js connection
// errors, Node socket errors, SQLSTATE class 08 (connection exception) and 57P01–57P03
// (admin/crash shutdown, cannot connect now).
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function isDatabaseUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE.has(code);
}

/** Seconds a client is asked to wait before retrying while the database is away. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

/** The error to answer with: 503 `unavailable` when the database is away, else the error itself. */
export function asUnavailable(e: unknown): unknown {
  return isDatabaseUnavailable(e) ? new HttpRefusal(503, 'unavailable', undefined, { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_S) }) : e;
}
