import { ZodError } from 'zod';
import { ApiError, type ApiErrorBody, type ApiResult } from './result';
import { contract, isMethod, type Method, type Output, type ParsedInput } from './contract';

export type Transport = 'ipc' | 'http';

export interface CallContext {
  transport: Transport;
}

export type Handlers = {
  [M in Method]: (input: ParsedInput<M>, ctx: CallContext) => Promise<Output<M>> | Output<M>;
};

/** Errors that know how to present themselves at the boundary (e.g. the store's). */
export interface BoundaryError {
  toApiError(): ApiErrorBody;
}
function isBoundaryError(e: unknown): e is BoundaryError {
  return typeof e === 'object' && e !== null && typeof (e as BoundaryError).toApiError === 'function';
}

function zodIssues(e: ZodError) {
  return e.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export type Dispatch = (method: string, rawInput: unknown, ctx: CallContext) => Promise<ApiResult<unknown>>;

/**
 * The single entry point both transports call. Validates the method name and the input,
 * runs the handler, validates the output (a handler bug must not leak unvalidated data to
 * the renderer), and turns every failure into a typed error without a stack.
 */
export function createDispatcher(handlers: Handlers, log: (msg: string, err?: unknown) => void = () => {}): Dispatch {
  return async (method, rawInput, ctx) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: 'Unknown method', messageKey: 'api.error.unknownMethod' } };
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: 'Invalid input', messageKey: 'api.error.invalidInput', issues: zodIssues(parsed.error) },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown> | unknown;
      const value = await handler(parsed.data, ctx);
      const out = spec.output.safeParse(value);
      if (!out.success) {
        log(`output of ${method} failed its schema`, out.error);
        return { ok: false, error: { code: 'internal', message: 'Internal error', messageKey: 'api.error.internal' } };
      }
      return { ok: true, value: out.data as Output<typeof method> };
    } catch (e) {
      if (e instanceof ApiError) {
        return { ok: false, error: { code: e.code, message: e.message, messageKey: e.messageKey, params: e.params } };
      }
      if (isBoundaryError(e)) return { ok: false, error: e.toApiError() };
      log(`handler ${method} failed`, e);
      return { ok: false, error: { code: 'internal', message: 'Internal error', messageKey: 'api.error.internal' } };
    }
  };
}
