import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { firstApplication, startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { startFaultProxy, type FaultProxy } from './test-support/fault-proxy';
import { openTestWorkstation, scanOf, until, type TestWorkstation } from './test-support/workstation';

// The workstation's sync worker against the real central API (server/, PostgreSQL), through the
// fault proxy: a complete first application with its scans goes across a lost response and a
// reset, exactly once; a supervisor's decision on the server comes back to this workstation.

describe('sync worker against the real server', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let ws: TestWorkstation;
  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(server.node.url).port) });
    ws = openTestWorkstation({ clock: server.clock.now });
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    await ws.worker.enrol({ serverUrl: proxy.url, code, servicePoint: 'SP01', workstation: 'W1' });
    ws.worker.start();
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await proxy?.close();
    await server?.close();
  });

  it('a complete application with scans arrives once across a lost response and a reset', async () => {
    const s = ws.store;
    const draft = s.applications.createDraft({
      kind: 'first_application',
      data: sampleFirstApplication(),
      search: { entityNames: ['x'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    const local = new Map<string, string>();
    for (const d of Object.values(sampleFirstApplication().documents)) {
      for (const a of d.attachments) {
        if (local.has(a)) continue;
        const att = s.attachments.put(scanOf(30_000, a), { applicationId: draft.id, slot: 'br_certificate', actor: 'staff:C1' });
        local.set(a, att.pages.at(-1)!.sha256);
      }
    }
    const app = firstApplication(1, local);
    s.applications.saveDraft(draft.id, {
      data: app,
      search: { entityNames: ['澳門測試貿易1號有限公司'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    proxy.queue([{ kind: 'drop_response' }, { kind: 'reset' }, { kind: 'drop_response' }], { kind: 'pass' });
    s.applications.setStatus(draft.id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: 'SP01-W1-20261123-0001-K' });
    await until(() => ws.worker.status().waiting === 0 && s.outbox.pendingCount() === 0, 20_000, 'the submission to be acknowledged').catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(ws.worker.status())}`);
    });
    expect(ws.worker.items('parked')).toEqual([]);
    const ops = await server.node.sql<
      { type: string; record_id: string; status: string }[]
    >`SELECT type, record_id, outcome->>'status' AS status FROM ops WHERE workstation_id = 'SP01-W1' ORDER BY client_seq`;
    expect(ops.map((o) => [o.type, o.record_id, o.status])).toEqual([['application.submit', draft.id, 'applied']]);
    const apps = await server.node.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM applications WHERE record_id = ${draft.id}`;
    expect(apps[0]!.n).toBe(1);
    for (const sha of local.values()) {
      const blob = await server.node.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM blobs WHERE sha256 = ${sha}`;
      expect(blob[0]!.n).toBe(1);
    }
  }, 90_000);
});
