import type { Role } from '../../domain/workflow';
import { hashPassword } from '../auth/password-verifier';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createUsersRepo } from '../auth/users-repo';
import type { ApiResult } from '../../api/result';
import type { Input, Method, Output } from '../../api/contract';
import type { AppCore } from './app-core';

/**
 * Tests that exercise other areas through a whole core need someone signed in. Enrolment
 * proper (signed file, first-run set-up) has its own tests; here a user is written straight
 * into the store, then signed in through the API like the renderer would.
 */
export async function seedUser(core: AppCore, staffNumber: string, roles: Role[], password = `pw-${staffNumber}-long`): Promise<string> {
  const users = createUsersRepo(core.store.db, () => core.clock().toISOString());
  users.upsert({
    staffNumber,
    displayName: `職員 ${staffNumber}`,
    roles,
    servicePoints: [core.config.servicePoint.code],
    passwordVerifier: await hashPassword(password, TEST_PASSWORD_PARAMS),
    active: true,
  });
  return password;
}

export async function signInAs(core: AppCore, staffNumber: string, roles: Role[] = ['clerk']): Promise<void> {
  const password = await seedUser(core, staffNumber, roles);
  const r = await core.dispatch('auth.signIn', { staffNumber, password }, { transport: 'ipc' });
  if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r.error)}`);
}

/**
 * The calls an API test makes, as the renderer would (HTTP transport, so the dispatcher
 * validates both ways), typed from the contract: `call` gives the result, `value` throws on a
 * refusal, `raw` sends what the contract would not accept (a forged or malformed call), `as`
 * signs in afresh as a user written into the store with those roles. `core` is read on every
 * call, so a test may replace it (restart).
 */
export function apiClient(core: () => AppCore) {
  const raw = async (method: string, input: unknown = {}): Promise<ApiResult<unknown>> => core().dispatch(method, input, { transport: 'http' });
  const call = async <M extends Method>(method: M, ...[input = {} as Input<M>]: OptionalInput<M>) => (await raw(method, input)) as ApiResult<Output<M>>;
  const value = async <M extends Method>(method: M, ...args: OptionalInput<M>): Promise<Output<M>> => {
    const r = await call(method, ...args);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const as = async (staffNumber: string, roles: Role[] = ['clerk']) => {
    await call('auth.signOut');
    const password = await seedUser(core(), staffNumber, roles);
    await value('auth.signIn', { staffNumber, password });
  };
  return { call, value, raw, as };
}

/** A method whose input the contract lets be empty may be called without one. */
type OptionalInput<M extends Method> = Record<string, never> extends Input<M> ? [input?: Input<M>] : [input: Input<M>];
