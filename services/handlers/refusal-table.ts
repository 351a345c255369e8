import { ApiError, type ApiErrorCode } from '../../api/result';
import type { MessageKey } from '../../i18n';
import { isRefusal } from '../core/refusal';

/** How one area says its services' refusals at the API: each code once, in that area's handler file. */
export type RefusalTable<C extends string> = Readonly<Record<C, { code: ApiErrorCode; key: MessageKey }>>;

/** The refusal as the API error its area's table names; anything else passes through unchanged. */
export function toApiError<C extends string>(table: RefusalTable<C>, e: unknown): unknown {
  if (!isRefusal(e) || !Object.hasOwn(table, e.code)) return e;
  const m = table[e.code as C];
  return new ApiError(m.code, e.message, m.key, e.params ? { ...e.params } : undefined);
}

type Fn = (...args: never[]) => unknown;

/**
 * Wraps every handler of an area so a service refusal thrown (or rejected) inside it reaches
 * the dispatcher as that area's API error. Handlers stay "validate → call service → map result".
 */
export function mappingRefusals<H extends Record<string, Fn>, C extends string>(table: RefusalTable<C>, handlers: H): H {
  const out: Record<string, Fn> = {};
  for (const [name, fn] of Object.entries(handlers)) {
    out[name] = (...args: never[]) => {
      try {
        const r = fn(...args);
        return r instanceof Promise ? r.catch((e: unknown) => Promise.reject(toApiError(table, e))) : r;
      } catch (e) {
        throw toApiError(table, e);
      }
    };
  }
  return out as H;
}
