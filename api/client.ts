import type { ApiResult } from './result';
import type { Input, Method, Output } from './contract';

/** What the renderer codes against, whatever the transport. */
export type CounterdeskApi = {
  [M in Method]: (input: Input<M>) => Promise<ApiResult<Output<M>>>;
};

/** Low-level invoke that a transport provides. Must never throw: failures become ApiResult errors. */
export type Invoke = (method: Method, input: unknown) => Promise<ApiResult<unknown>>;

export function createApiClient(methods: readonly Method[], invoke: Invoke): CounterdeskApi {
  const api: Partial<Record<Method, (input: unknown) => Promise<ApiResult<unknown>>>> = {};
  for (const m of methods) api[m] = (input: unknown) => invoke(m, input);
  return api as CounterdeskApi;
}
