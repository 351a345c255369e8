import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from './dispatch';
import { METHODS } from './contract';
import { ApiError } from './result';

const ctx = { transport: 'ipc' as const };
const info = {
  version: '1',
  transport: 'ipc',
  servicePoint: { code: 'SP', nameZh: '中', namePt: 'pt' },
  workstationId: 'W1',
  database: { state: 'ok', userVersion: 1, encrypted: true },
  sync: { state: 'not_configured', pending: 0 },
};

function handlersWith(impl: Partial<Record<string, () => unknown>>): Handlers {
  return Object.fromEntries(
    METHODS.map((m) => [
      m,
      impl[m] ??
        (() => {
          throw new Error('unused');
        }),
    ]),
  ) as unknown as Handlers;
}

describe('dispatcher', () => {
  it('returns the handler value when input and output match the contract', async () => {
    const d = createDispatcher(handlersWith({ 'app.info': () => info }));
    expect(await d('app.info', {}, ctx)).toEqual({ ok: true, value: info });
  });

  it('refuses output that breaks the contract instead of leaking it', async () => {
    const logged: string[] = [];
    const d = createDispatcher(handlersWith({ 'app.info': () => ({ ...info, secret: 'x' }) }), (m) => logged.push(m));
    const r = await d('app.info', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', messageKey: 'api.error.internal' } });
    expect(logged[0]).toContain('app.info');
  });

  it('passes typed handler errors through with their message key', async () => {
    const d = createDispatcher(
      handlersWith({
        'intake.get': () => {
          throw new ApiError('not_found', 'gone', 'api.error.notFound');
        },
      }),
    );
    expect(await d('intake.get', { id: 'abc' }, ctx)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'gone', messageKey: 'api.error.notFound', params: undefined },
    });
  });

  it('hides unexpected errors behind a generic message, without stack', async () => {
    const d = createDispatcher(
      handlersWith({
        'intake.get': () => {
          throw new Error('SQLITE_CORRUPT at /home/x/db.ts:12');
        },
      }),
    );
    const r = await d('intake.get', { id: 'abc' }, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error', messageKey: 'api.error.internal' } });
  });

  it('uses the error presentation of boundary-aware errors (e.g. the store)', async () => {
    const storeError = Object.assign(new Error('disk'), { toApiError: () => ({ code: 'unavailable' as const, message: 'Disk full' }) });
    const d = createDispatcher(
      handlersWith({
        'intake.get': () => {
          throw storeError;
        },
      }),
    );
    expect(await d('intake.get', { id: 'abc' }, ctx)).toEqual({ ok: false, error: { code: 'unavailable', message: 'Disk full' } });
  });

  it('lists field paths for invalid input', async () => {
    const d = createDispatcher(handlersWith({}));
    const r = await d('intake.submit', { id: 'a', expectedRevision: 'x' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues?.map((i) => i.path)).toEqual(['expectedRevision']);
  });
});
