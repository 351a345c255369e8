import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationSchema } from '../../domain/model/application';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { startFakeSyncServer, type FakeSyncServer } from './test-support/fake-sync-server';
import { until } from './test-support/workstation';

// Sync through the core and the contract, as the renderer reaches it: an administrator enrols
// the workstation, a supervisor's decision made through approval.decide (the real approval
// service's outbox row) reaches the server, and the status bar's calls say what happened.

const clock = () => new Date();

describe('sync through the app core and the contract', () => {
  let dir: string;
  let core: AppCore;
  let server: FakeSyncServer;
  let api: ReturnType<typeof apiClient>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-sync-api-'));
    server = await startFakeSyncServer({ clock });
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 9), version: 'test', clock, session: { passwordParams: TEST_PASSWORD_PARAMS } });
    api = apiClient(() => core);
  });
  afterEach(async () => {
    core.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A form the clerk C1 took in and submitted (written as intake does: status + number + outbox row). */
  const takenIn = () => {
    const s = core.store;
    const d = s.applications.createDraft({
      kind: 'first_application',
      data: ApplicationSchema.parse({ kind: 'first_application' }),
      search: { entityNames: ['街坊會'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    s.applications.setStatus(d.id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: 'SP01-W1-20261123-0001-' + 'X' });
    return d.id;
  };

  it('before enrolment the status says "saved here"; details need a signed-in user; enrolment needs the administrator', async () => {
    expect(await api.value('sync.status')).toMatchObject({ state: 'not_configured', waiting: 0, server: null });
    expect(await api.call('sync.details')).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    await api.as('C1', ['clerk']);
    expect(
      await api.call('sync.enrol', { serverUrl: server.url, code: server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await api.as('A1', ['workstation_admin']);
    expect(await api.call('sync.enrol', { serverUrl: server.url, code: 'AAAA-BBBB-CCCC-DDDD-9999', servicePoint: 'SP01', workstation: 'W1' })).toMatchObject({
      ok: false,
      error: { messageKey: 'sync.error.enrolment_code_invalid' },
    });
  });

  it('an enrolled workstation sends the submission and a supervisor decision made through the API; the key file is private', async () => {
    await api.as('A1', ['workstation_admin']);
    const enrolled = await api.value('sync.enrol', { serverUrl: server.url, code: server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
    expect(enrolled).toMatchObject({ server: server.url, workstationId: 'SP01-W1' });
    expect(statSync(join(dir, 'sync-signing.key')).mode & 0o077).toBe(0);
    const id = takenIn();
    await api.as('S1', ['supervisor']);
    await api.value('approval.open', { id });
    const decided = await api.call('approval.decide', { id, decision: 'approve' });
    if (!decided.ok) throw new Error(JSON.stringify(decided.error));
    await until(() => server.record(id)?.status === 'approved', 8000, 'the decision to reach the server');
    const ops = server.ops('SP01-W1');
    expect(ops.map((o) => [o.op.type, o.op.actor, o.outcome.status])).toEqual([
      ['application.submit', 'C1', 'applied'],
      ['application.decide', 'S1', 'applied'],
    ]);
    // Drained here too: the server's answer to the push settled (it may come a moment after the server applied it).
    const pendingOps = core.store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM sync_ops WHERE state = 'pending'`);
    await until(() => core.store.outbox.pendingCount() === 0 && pendingOps.get()!.n === 0, 5000, 'the outbox to drain');
    const st = await api.value('sync.retryNow');
    expect(st).toMatchObject({ state: 'online', waiting: 0, refused: 0, lastError: null });
    expect(st.lastSentAt).not.toBeNull();
    expect(await api.value('sync.details')).toEqual({ waiting: [], refused: [], conflicts: [] });
  });
});
