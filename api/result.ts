import type { MessageKey, MessageParams } from '../i18n';

/**
 * Error codes that cross the boundary. The renderer decides what to show from `code` and
 * `messageKey`; `message` is an English fallback for logs. Never a stack trace.
 */
export const API_ERROR_CODES = [
  'invalid_input', // failed zod validation at the boundary
  'unknown_method',
  'unauthorised', // not signed in / wrong token / wrong origin
  'forbidden', // signed in, but the role or the four-eyes rule says no
  'not_found',
  'conflict', // stale revision, duplicate, wrong state for the action
  'refused', // a business rule refused the action (message says which)
  'unavailable', // store locked, disk full, key missing
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  messageKey?: MessageKey;
  params?: MessageParams;
  /** For invalid_input: which fields, so a form can point at them. */
  issues?: { path: string; message: string }[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by handlers; turned into `{ok:false}` by the dispatcher. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly messageKey?: MessageKey,
    readonly params?: MessageParams,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
