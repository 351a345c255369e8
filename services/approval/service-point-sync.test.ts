import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { firstApplication, startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { openTestWorkstation, scanOf, until, type TestWorkstation } from '../sync/test-support/workstation';
import { createPulledApplications } from './pulled-applications';

// Against the real central server (PostgreSQL): an application taken in on workstation A
// reaches the queues of B and C of the same service point; two supervisors decide it at once
// on B and C; the server applies one decision and answers the other with a conflict carrying
// the state it holds (never last-write-wins), and A's record takes the decision that won.

describe('deciding on another workstation, through the real server', () => {
  let server: TestServer;
  const ws: Record<'a' | 'b' | 'c', TestWorkstation> = {} as never;

  beforeAll(async () => {
    server = await startTestServer();
    for (const [name, code] of [
      ['a', 'W1'],
      ['b', 'W2'],
      ['c', 'W3'],
    ] as const) {
      const w = openTestWorkstation({ clock: server.clock.now });
      const { code: enrolment } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', code);
      await w.worker.enrol({ serverUrl: server.node.url, code: enrolment, servicePoint: 'SP01', workstation: code });
      w.worker.start();
      ws[name] = w;
    }
  }, 120_000);
  afterAll(async () => {
    for (const w of Object.values(ws)) await w?.close();
    await server?.close();
  });

  it('two supervisors decide at once: one decision is applied, the other comes back as a conflict; A takes the one applied', async () => {
    const s = ws.a.store;
    const draft = s.applications.createDraft({
      kind: 'first_application',
      data: sampleFirstApplication(),
      search: { entityNames: ['x'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    const local = new Map<string, string>();
    for (const d of Object.values(sampleFirstApplication().documents)) {
      for (const placeholder of d.attachments) {
        if (local.has(placeholder)) continue;
        const att = s.attachments.put(scanOf(20_000, placeholder), { applicationId: draft.id, slot: 'br_certificate', actor: 'staff:C1' });
        local.set(placeholder, att.pages.at(-1)!.sha256);
      }
    }
    s.applications.saveDraft(draft.id, {
      data: firstApplication(7, local),
      search: { entityNames: ['x'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    s.applications.setStatus(draft.id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: 'SP01-W1-20261123-0001-K' });
    await until(() => ws.a.worker.status().waiting === 0 && ws.a.worker.status().lastSentAt !== null, 30_000, 'A to send the submission');
    expect(ws.a.worker.items('parked')).toEqual([]);

    const queues = { b: createPulledApplications(ws.b.store, 'SP01'), c: createPulledApplications(ws.c.store, 'SP01') };
    await until(() => queues.b.pending().length === 1 && queues.c.pending().length === 1, 30_000, 'B and C to pull it');
    // A does not list its own record among the pulled ones.
    expect(createPulledApplications(s, 'SP01').pending()).toEqual([]);

    const decide = (name: 'b' | 'c', supervisor: string, input: Parameters<(typeof queues)['b']['decide']>[1]) => {
      const q = queues[name];
      const app = q.pending()[0]!;
      expect(app.recordId).toBe(draft.id);
      q.noteReviewed(app, `staff:${supervisor}`, null);
      return q.decide(app, input, { actor: `staff:${supervisor}`, roles: ['supervisor'], onSessionOf: null, at: server.clock.now().toISOString() });
    };
    expect(decide('b', 'S1', { decision: 'approve' })).toEqual({ ok: true, status: 'approved' });
    expect(decide('c', 'S3', { decision: 'reject', reasonCode: 'documents_missing' })).toEqual({ ok: true, status: 'rejected' });
    // Decided here and on its way: neither queue offers it again.
    expect([queues.b.pending(), queues.c.pending()]).toEqual([[], []]);

    const settled = (w: TestWorkstation) => w.worker.status().waiting === 0 && w.store.outbox.pendingCount() === 0;
    await until(() => settled(ws.b) && settled(ws.c), 30_000, 'both decisions to be answered');
    const outcome = (w: TestWorkstation) =>
      w.worker.items('conflict').length === 1 ? 'conflict' : w.worker.items('parked').length === 1 ? 'refused' : 'applied';
    const outcomes = [outcome(ws.b), outcome(ws.c)].sort();
    expect(outcomes).toEqual(['applied', 'conflict']);
    const winner = outcome(ws.b) === 'applied' ? 'approved' : 'rejected';
    const loser = outcome(ws.b) === 'applied' ? ws.c : ws.b;
    expect(JSON.parse(loser.worker.items('conflict')[0]!.detail ?? '{}')).toMatchObject({ status: winner });

    await until(() => s.applications.get(draft.id)?.status === winner, 30_000, 'A to take the decision that was applied');
    const rows = await server.node.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM decisions WHERE record_id = ${draft.id}`;
    expect(rows[0]!.n).toBe(1);
  }, 120_000);
});
