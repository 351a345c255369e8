import type { ApiErrorBody, ApiErrorCode } from '../../api/result';
import type { MessageKey, MessageParams } from '../../i18n';

export const STORE_ERROR_CODES = [
  'not_found',
  'conflict', // stale revision, or the application is not in a state that allows the change
  'wrong_key', // the database (or a scan) does not open with this key
  'disk_full',
  'corrupt', // a database page or a scan file failed its check
  'too_large',
  'unsupported_type',
  'migration_failed',
  'too_new', // written by a newer version of the app
  'key_unavailable', // the OS key store is missing or only offers plain text
  'key_file_insecure',
  'busy',
  'io', // any other file-system failure
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

const MESSAGE_KEYS: Record<StoreErrorCode, MessageKey> = {
  not_found: 'store.error.notFound',
  conflict: 'store.error.conflict',
  wrong_key: 'store.error.wrongKey',
  disk_full: 'store.error.diskFull',
  corrupt: 'store.error.corrupt',
  too_large: 'store.error.tooLarge',
  unsupported_type: 'store.error.unsupportedType',
  migration_failed: 'store.error.migrationFailed',
  too_new: 'store.error.tooNew',
  key_unavailable: 'store.error.keyUnavailable',
  key_file_insecure: 'store.error.keyFileInsecure',
  busy: 'store.error.busy',
  io: 'store.error.io',
};

const API_CODES: Record<StoreErrorCode, ApiErrorCode> = {
  not_found: 'not_found',
  conflict: 'conflict',
  wrong_key: 'unavailable',
  disk_full: 'unavailable',
  corrupt: 'refused',
  too_large: 'refused',
  unsupported_type: 'refused',
  migration_failed: 'unavailable',
  too_new: 'unavailable',
  key_unavailable: 'unavailable',
  key_file_insecure: 'unavailable',
  busy: 'unavailable',
  io: 'unavailable',
};

/**
 * Every failure the store reports. `message` is English for logs; `messageKey` is what a
 * clerk sees (section `store` of the i18n files). Nothing partial is ever left behind when
 * one of these is thrown: each write is one transaction or one atomic rename.
 */
export class StoreError extends Error {
  readonly messageKey: MessageKey;
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly params?: MessageParams,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
    this.messageKey = MESSAGE_KEYS[code];
  }

  toApiError(): ApiErrorBody {
    return { code: API_CODES[this.code], message: this.message, messageKey: this.messageKey, ...(this.params ? { params: this.params } : {}) };
  }
}

export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}

function errCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const c = (e as { code: unknown }).code;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

/** Turn a SQLite or file-system error into a StoreError the clerk can be told about. */
export function toStoreError(e: unknown, what: string): StoreError {
  if (e instanceof StoreError) return e;
  const code = errCode(e) ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT')
    return new StoreError('disk_full', `${what}: disk full (${msg})`, undefined, { cause: e });
  if (code === 'SQLITE_NOTADB') return new StoreError('wrong_key', `${what}: ${msg}`, undefined, { cause: e });
  if (code.startsWith('SQLITE_CORRUPT')) return new StoreError('corrupt', `${what}: ${msg}`, undefined, { cause: e });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreError('busy', `${what}: ${msg}`, undefined, { cause: e });
  if (code.startsWith('SQLITE_IOERR') || /^E[A-Z]+$/.test(code)) return new StoreError('io', `${what}: ${msg}`, undefined, { cause: e });
  throw e;
}

/** Run `fn`, translating known failures; anything unknown (a bug) propagates unchanged. */
export function translating<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toStoreError(e, what);
  }
}
