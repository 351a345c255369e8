import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../api/contract';
import type { Dispatch } from '../../api/dispatch';
import { MALFORMED_CALLS } from '../../api/malformed-calls';
import type { ApiResult } from '../../api/result';
import { createAppCore, type AppCore } from '../../services/core/app-core';
import { signInAs } from '../../services/core/test-support';
import { isTrustedSender, registerIpcBridge, type InvokeEventLike, type IpcMainLike } from './ipc-bridge';

describe('isTrustedSender', () => {
  it.each([
    ['app://counterdesk/index.html', true, true],
    ['app://counterdesk/drafts/1', true, true],
    ['app://counterdesk/index.html', false, false],
    ['https://evil.example/', true, false],
    ['app://evil/index.html', true, false],
    ['app://counterdesk@evil/', true, false],
    ['file:///app/dist/renderer/index.html', true, false],
    ['http://127.0.0.1:5173/', true, false],
    ['about:blank', true, false],
    ['', true, false],
    [null, true, false],
    [undefined, true, false],
  ])('%s (main frame: %s) → %s', (url, isMainFrame, expected) => {
    expect(isTrustedSender(url, isMainFrame)).toBe(expected);
  });
});

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipcMain, handlers };
}

const MAIN_FRAME: InvokeEventLike = { senderFrame: { url: 'app://counterdesk/index.html', parent: null } };

/** What ipcRenderer.invoke does: no handler → rejection; otherwise the handler's result. */
async function invoke(handlers: Map<string, Listener>, channel: string, event: InvokeEventLike, ...args: unknown[]) {
  const h = handlers.get(channel);
  if (!h) throw new Error(`No handler registered for '${channel}'`);
  return h(event, ...args);
}

describe('registerIpcBridge', () => {
  let dir: string;
  let core: AppCore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cd-ipc-'));
    core = createAppCore({ dataDir: dir, key: randomBytes(32), version: '0.0.0-test' });
  });
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers exactly one channel per contract method, and removes them again', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const remove = registerIpcBridge({ ipcMain, methods: METHODS, dispatch: core.dispatch });
    expect([...handlers.keys()].sort()).toEqual(METHODS.map((m) => `counterdesk:${m}`).sort());
    remove();
    expect(handlers.size).toBe(0);
  });

  it('serves our own page: an application created over IPC is listed over IPC', async () => {
    await signInAs(core, 'C101');
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpcBridge({ ipcMain, methods: METHODS, dispatch: core.dispatch });
    const info = (await invoke(handlers, 'counterdesk:app.info', MAIN_FRAME, {})) as ApiResult<{ transport: string }>;
    expect(info).toMatchObject({ ok: true, value: { transport: 'ipc' } });
    const created = (await invoke(handlers, 'counterdesk:intake.create', MAIN_FRAME, { kind: 'first_application' })) as ApiResult<{
      id: string;
      revision: number;
      application: Record<string, unknown>;
    }>;
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const { id, revision, application } = created.value;
    const saved = await invoke(handlers, 'counterdesk:intake.save', MAIN_FRAME, {
      id,
      expectedRevision: revision,
      application: { ...application, entity: { ...(application['entity'] as object), names: { zh: '澳門測試協會' } } },
    });
    expect(saved.ok).toBe(true);
    const list = await invoke(handlers, 'counterdesk:intake.list', MAIN_FRAME, {});
    expect(list.ok).toBe(true);
    expect(JSON.stringify(list)).toContain('澳門測試協會');
  });

  it.each([
    ['a sub-frame of our page', { senderFrame: { url: 'app://counterdesk/index.html', parent: {} } }],
    ['another origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file:// page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['a frame that is gone', { senderFrame: null }],
  ])('refuses %s without running the handler', async (_name, event: InvokeEventLike) => {
    const calls: string[] = [];
    const dispatch: Dispatch = async (m) => {
      calls.push(m);
      return { ok: true, value: null };
    };
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpcBridge({ ipcMain, methods: METHODS, dispatch });
    const r = await invoke(handlers, 'counterdesk:intake.create', event, { kind: 'first_application' });
    expect(r).toEqual({ ok: false, error: { code: 'unauthorised', message: 'Untrusted sender', messageKey: 'api.error.unauthorised' } });
    expect(calls).toEqual([]);
  });

  it('refuses a call with more than one argument', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpcBridge({ ipcMain, methods: METHODS, dispatch: core.dispatch });
    const r = await invoke(handlers, 'counterdesk:app.info', MAIN_FRAME, {}, { smuggled: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('turns a throwing dispatcher into a typed error without the stack or message', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const logged: unknown[] = [];
    registerIpcBridge({
      ipcMain,
      methods: ['app.info'],
      dispatch: () => Promise.reject(new Error('SQLITE_CORRUPT at /home/clerk/secret/path')),
      log: (_m, e) => logged.push(e),
    });
    const r = await invoke(handlers, 'counterdesk:app.info', MAIN_FRAME, {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error', messageKey: 'api.error.internal' } });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('answers the shared batch of malformed calls with typed errors and changes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cd-ipc-bad-'));
    const fresh = createAppCore({ dataDir, key: randomBytes(32), version: '0.0.0-test' });
    try {
      await signInAs(fresh, 'C100');
      const { ipcMain, handlers } = fakeIpcMain();
      registerIpcBridge({ ipcMain, methods: METHODS, dispatch: fresh.dispatch });
      for (const call of MALFORMED_CALLS) {
        const channel = `counterdesk:${call.method}`;
        if (!handlers.has(channel)) {
          // Not a contract method: there is no channel at all, and the preload has no function for it.
          await expect(invoke(handlers, channel, MAIN_FRAME, call.input), call.name).rejects.toThrow(/No handler/);
          continue;
        }
        const r = await invoke(handlers, channel, MAIN_FRAME, call.input);
        expect(r, call.name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
        expect(JSON.stringify(r), call.name).not.toMatch(/at .*\.ts:\d+/);
      }
      const list = await invoke(handlers, 'counterdesk:intake.list', MAIN_FRAME, {});
      expect(list).toEqual({ ok: true, value: [] });
    } finally {
      fresh.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
