import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addServicePoint, issueEnrolmentCode } from '../../server/admin/administration';
import { setPublishedSetting } from '../../server/admin/published-settings';
import { PASSWORD, startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { until } from '../sync/test-support/workstation';

// Issue 15: enrolling takes the service point code and names from the server's answer, so the
// first receipt after enrolment needs no settings step; and (issue 14) a person of that service
// point who signs in at the counter is signed in to the central server through this workstation,
// and the settings the server publishes show on Settings as the server's.

describe('a workstation enrolled through the app, against the real server', () => {
  let server: TestServer;
  let dir: string;
  let core: AppCore;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    server = await startTestServer();
    await addServicePoint(server.node.sql, server.clock.now, 'SP01', 'Service point one', { zh: '澳門一號服務點', pt: 'Posto de atendimento um' });
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-enrolled-sp-'));
    core = createAppCore({
      dataDir: dir,
      key: Buffer.alloc(32, 7),
      version: 'test',
      clock: server.clock.now,
      session: { passwordParams: TEST_PASSWORD_PARAMS },
      machineConfig: { path: join(dir, 'none.json'), allowStartConsoleCode: true },
    });
    api = apiClient(() => core);
    await api.value('auth.setup', { staffNumber: 'A0001', displayName: '管理員', password: 'admin-password-1', setupCode: core.setupCode ?? '' });
  }, 120_000);
  afterAll(async () => {
    core?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('enrolling sets the service point code and both names from the server’s answer — written to workstation.json, audited', async () => {
    expect(await api.value('workstation.settings')).toMatchObject({ placeholder: true });
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    await api.value('sync.enrol', { serverUrl: server.node.url, code, servicePoint: 'SP01', workstation: 'W1' });
    expect(await api.value('workstation.settings')).toMatchObject({
      servicePoint: { code: 'SP01', nameZh: '澳門一號服務點', namePt: 'Posto de atendimento um' },
      placeholder: false,
    });
    // Receipts and numbering read the core's config on every call.
    expect(core.config.servicePoint).toEqual({ code: 'SP01', nameZh: '澳門一號服務點', namePt: 'Posto de atendimento um' });
    expect(JSON.parse(readFileSync(join(dir, 'workstation.json'), 'utf8'))).toMatchObject({ servicePoint: { code: 'SP01' } });
    const entry = core.store.audit.recent(10).find((e) => e.action === 'settings_change');
    expect(entry).toMatchObject({ actor: 'staff:A0001', details: { source: 'enrolment', after: { servicePoint: { code: 'SP01' } } } });
  }, 60_000);

  it('a clerk of the service point signs in here and is signed in to the central server through this workstation', async () => {
    // The clerk arrives by pull (users with their verifiers, for offline sign-in too).
    await until(() => core.store.db.prepare(`SELECT 1 FROM users WHERE staff_number = 'C1'`).get() !== undefined, 30_000, 'C1 to be pulled');
    await api.call('auth.signOut');
    await api.value('auth.signIn', { staffNumber: 'C1', password: PASSWORD });
    const opened = async () =>
      (await server.node.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM sessions WHERE staff_number = 'C1' AND workstation_id = 'SP01-W1'`)[0]!.n;
    const start = performance.now();
    while ((await opened()) === 0 && performance.now() - start < 30_000) await new Promise((r) => setTimeout(r, 100));
    expect(await opened()).toBe(1);
    const [local] = core.store.db
      .prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'person.session.C1'`)
      .all()
      .map((r) => JSON.parse(r.value) as { sessionId: string; closedAt: string | null });
    expect(local?.closedAt).toBeNull();
    // Signing out here ends what the workstation keeps of it.
    await api.value('auth.signOut');
    const after = core.store.db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'person.session.C1'`).get();
    expect((JSON.parse(after!.value) as { closedAt: string | null }).closedAt).not.toBeNull();
  }, 60_000);

  it('settings the server publishes are listed as the server’s on Settings, and cannot be changed here', async () => {
    await setPublishedSetting(server.node.sql, server.clock.now, 'auth.idleMinutes', 4);
    await until(() => core.store.db.prepare(`SELECT 1 FROM sync_pulled WHERE kind = 'setting'`).get() !== undefined, 30_000, 'the setting to be pulled');
    await api.call('auth.signOut');
    await api.value('auth.signIn', { staffNumber: 'A0001', password: 'admin-password-1' });
    const settings = await api.value('workstation.settings');
    expect(settings.fromServer?.map((s) => [s.key, s.value])).toEqual([['auth.idleMinutes', 4]]);
    expect(await api.value('auth.status')).toMatchObject({ idleMinutes: 4 });
    expect(await api.call('auth.setSetting', { key: 'auth.idleMinutes', value: 30 })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'sync.serverSettings.refused' },
    });
    // A setting the server does not publish stays the workstation's.
    expect(await api.call('auth.setSetting', { key: 'auth.maxFailures', value: 6 })).toMatchObject({ ok: true });
  }, 60_000);
});
