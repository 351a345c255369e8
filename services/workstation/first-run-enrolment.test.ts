import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_HEADERS } from '../../api/sync';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { startFakeSyncServer, type FakeSyncServer } from '../sync/test-support/fake-sync-server';
import { createPullApplier } from '../sync/pull-apply';
import { hashPassword } from '../auth/password-verifier';

// Issue 15, first run: after the administrator is set up, the next step is to enrol with the
// central server or to say the workstation stays standalone; enrolment errors are said as what
// they are (wrong code, server unreachable, clock skew) and a wrong address or clock does not
// spend the one-time code.

const clock = () => new Date();

describe('first-run enrolment or standalone', () => {
  let dir: string;
  let core: AppCore;
  let api: ReturnType<typeof apiClient>;
  const closers: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-first-run-'));
    core = createAppCore({
      dataDir: dir,
      key: Buffer.alloc(32, 5),
      version: 'test',
      clock,
      session: { passwordParams: TEST_PASSWORD_PARAMS },
      machineConfig: { path: join(dir, 'none.json'), allowStartConsoleCode: true },
    });
    api = apiClient(() => core);
    await api.value('auth.setup', { staffNumber: 'A0001', displayName: '管理員', password: 'admin-password-1', setupCode: core.setupCode ?? '' });
  });
  afterEach(async () => {
    core.close();
    for (const c of closers.splice(0)) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the administrator set up here is asked next; staying standalone is theirs to choose, audited, and asked once', async () => {
    expect(await api.value('auth.status')).toMatchObject({ firstRunEnrolment: true });
    await api.as('C0001', ['clerk']);
    expect(await api.call('auth.stayStandalone')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await api.call('auth.signOut');
    await api.value('auth.signIn', { staffNumber: 'A0001', password: 'admin-password-1' });
    expect(await api.value('auth.stayStandalone')).toMatchObject({ firstRunEnrolment: false });
    expect(core.store.audit.recent(5).find((e) => e.action === 'settings_change')?.details).toMatchObject({ choice: 'standalone' });
  });

  it('an address nobody answers is "unreachable", and the code is not spent', async () => {
    const silent = createServer();
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    await new Promise<void>((r) => silent.close(() => r()));
    expect(
      await api.call('sync.enrol', { serverUrl: `http://127.0.0.1:${port}`, code: 'AAAA-BBBB-CCCC-DDDD-EEEE', servicePoint: 'SP01', workstation: 'W1' }),
    ).toMatchObject({ ok: false, error: { code: 'unavailable', messageKey: 'sync.status.error.network' } });
    expect(await api.value('auth.status')).toMatchObject({ firstRunEnrolment: true });
  });

  it('a clock a day off the server’s is refused with the server’s time, before the code is sent', async () => {
    const seen: string[] = [];
    const ahead: Server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.setHeader(SYNC_HEADERS.serverTime, new Date(Date.now() + 86_400_000).toISOString());
      res.end('{"status":"ok"}');
    });
    await new Promise<void>((r) => ahead.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => ahead.close(() => r())));
    const r = await api.call('sync.enrol', {
      serverUrl: `http://127.0.0.1:${(ahead.address() as AddressInfo).port}`,
      code: 'AAAA-BBBB-CCCC-DDDD-EEEE',
      servicePoint: 'SP01',
      workstation: 'W1',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'sync.error.clock_skew', params: { serverTime: expect.any(String) } } });
    expect(seen).toEqual(['GET /health']);
  });

  it('a wrong code is said as such; the right one enrols and the first-run step is over', async () => {
    const server: FakeSyncServer = await startFakeSyncServer({ clock });
    closers.push(() => server.close());
    expect(await api.call('sync.enrol', { serverUrl: server.url, code: 'AAAA-BBBB-CCCC-DDDD-9999', servicePoint: 'SP01', workstation: 'W1' })).toMatchObject({
      ok: false,
      error: { messageKey: 'sync.error.enrolment_code_invalid' },
    });
    expect(
      await api.value('sync.enrol', { serverUrl: server.url, code: server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' }),
    ).toMatchObject({
      workstationId: 'SP01-W1',
    });
    expect(await api.value('auth.status')).toMatchObject({ firstRunEnrolment: false });
    expect(await api.value('users.list')).toMatchObject({ managedCentrally: true });

    // This workstation still says DEV in Settings; the server's users of SP01 sign in here all the same.
    createPullApplier(core.store, clock).apply({
      changes: [
        {
          kind: 'user',
          id: 'C0900',
          deleted: false,
          data: {
            staffNumber: 'C0900',
            displayName: '伺服器職員',
            roles: ['clerk'],
            servicePoints: ['SP01'],
            passwordVerifier: await hashPassword('from-the-server-1', TEST_PASSWORD_PARAMS),
            active: true,
          },
        },
      ],
      cursor: 'c1',
      hasMore: false,
      epoch: '0190f1c2-0000-4000-8000-000000000001',
      serverTime: new Date().toISOString(),
    });
    expect((await api.value('users.list')).users.map((u) => u.staffNumber)).toEqual(['A0001', 'C0900']);
    await api.call('auth.signOut');
    expect(await api.call('auth.signIn', { staffNumber: 'C0900', password: 'from-the-server-1' })).toMatchObject({ ok: true });
  });
});
