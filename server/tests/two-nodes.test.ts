import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../api/sync/pull';
import type { PushResponse } from '../../api/sync/push';
import { spawnNode, type NodeProcess } from '../test-support/node-processes';
import { applicationNumber, firstApplication, newRecordId, sampleScans, startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';

// Two server processes on one database behave as one (issue 14).
let server: TestServer;
let nodeA: NodeProcess;
let nodeB: NodeProcess;
let scans: Map<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  scans = await sampleScans(server);
  const clock = server.clock.now().toISOString();
  [nodeA, nodeB] = await Promise.all([spawnNode(server.db.url, server.dataDir, clock), spawnNode(server.db.url, server.dataDir, clock)]);
}, 90_000);
afterAll(async () => {
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
  await server?.close();
}, 30_000);

const on = (ws: TestWorkstation, node: NodeProcess) => Object.assign(ws, { baseUrl: node.url });
let number = 0;
function submit(ws: TestWorkstation, entity: number, actor = 'C1') {
  const app = firstApplication(entity, scans);
  const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
  return ws.op(
    'application.submit',
    newRecordId(),
    { applicationNumber: applicationNumber(ws, ++number), application: app, createdBy: actor, editors: [] },
    { actor, blobs },
  );
}

describe('two server processes, one database', () => {
  it('the same entity’s first application from two workstations to two nodes at the same instant: exactly one accepted, 100 times out of 100', async () => {
    const w1 = on(await server.workstation('SP01', 'W1'), nodeA);
    const w2 = on(await server.workstation('SP01', 'W2'), nodeB);
    const accepted: number[] = [];
    for (let i = 0; i < 100; i++) {
      const entity = 20_000 + i;
      const [a, b] = await Promise.all([w1.push([submit(w1, entity)]), w2.push([submit(w2, entity, 'C2')])]);
      const results = [a.json<PushResponse>().results[0], b.json<PushResponse>().results[0]];
      const applied = results.filter((r) => r?.status === 'applied').length;
      const refused = results.filter((r) => r?.status === 'rejected' && r.reason.code === 'faq8_duplicate').length;
      accepted.push(applied === 1 && refused === 1 ? 1 : 0);
    }
    expect(accepted.filter((x) => x === 1).length).toBe(100);
    const [row] = await server.node.sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM applications WHERE status = 'pending_approval' AND (form->'entity'->>'taxpayerNumber')::int BETWEEN 81020000 AND 81020099`;
    expect(row?.n).toBe(100);
  }, 180_000);

  it('the same batch sent to both nodes at once is applied once; the other answer is the duplicate of the same outcome', async () => {
    const w = await server.workstation('SP01', 'W3');
    const ops = [submit(w, 30_001), submit(w, 30_002)];
    const [a, b] = await Promise.all([on(w, nodeA).push(ops), Object.assign(Object.create(w) as TestWorkstation, { baseUrl: nodeB.url }).push(ops)]);
    const statuses = [...a.json<PushResponse>().results, ...b.json<PushResponse>().results].map((r) => r.status).sort();
    expect(statuses).toEqual(['applied', 'applied', 'duplicate', 'duplicate']);
    const [row] = await server.node.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ops WHERE workstation_id = ${w.id}`;
    expect(row?.n).toBe(2);
    // Same Idempotency-Key at once: one does the work, the other waits (409) or replays it.
    const key = randomUUID();
    const more = [submit(w, 30_003)];
    const [c, d] = await Promise.all([w.push(more, { idempotencyKey: key }), w.push(more, { idempotencyKey: key })]);
    expect([c.status, d.status].sort()).toEqual(c.text === d.text ? [200, 200] : [200, 409]);
  });

  it('FAQ 8 and four eyes across workstations and nodes', async () => {
    const w4 = on(await server.workstation('SP01', 'W4'), nodeA);
    const w5 = on(await server.workstation('SP01', 'W5'), nodeB);
    const op = submit(w4, 40_001, 'S3');
    expect((await w4.push([op])).json<PushResponse>().results[0]?.status).toBe('applied');
    const own = w5.op('application.decide', op.recordId, { decision: 'approve' }, { actor: 'S3', baseVersion: 1 });
    expect((await w5.push([own])).json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', reason: { code: 'four_eyes' } });
    const twice = submit(w5, 40_001);
    expect((await w5.push([twice])).json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', reason: { code: 'faq8_duplicate' } });
    // Two supervisors deciding at once on two nodes: one decision, one conflict with it.
    const d1 = w4.op('application.decide', op.recordId, { decision: 'approve' }, { actor: 'S1', baseVersion: 1 });
    const d2 = w5.op('application.decide', op.recordId, { decision: 'reject', reasonCode: 'other' }, { actor: 'S1', baseVersion: 1 });
    const [r1, r2] = await Promise.all([w4.push([d1]), w5.push([d2])]);
    const outcomes = [r1.json<PushResponse>().results[0]?.status, r2.json<PushResponse>().results[0]?.status].sort();
    expect(outcomes).toEqual(['applied', 'conflict']);
  });

  it('every change reaches every puller exactly once, in commit order, while writers on both nodes push concurrently', async () => {
    const writers = await Promise.all([1, 2, 3, 4, 5, 6].map(async (i) => on(await server.workstation('SP01', `P${i}`), i % 2 ? nodeA : nodeB)));
    const pullers = await Promise.all([1, 2, 3].map(async (i) => on(await server.workstation('SP01', `R${i}`), i % 2 ? nodeB : nodeA)));
    // Start from the end of the feed as it is now.
    const start = await Promise.all(pullers.map(async (p) => (await p.request('GET', '/v1/sync/pull?limit=1000')).json<PullResponse>()));
    const cursors = await Promise.all(
      pullers.map(async (p, i) => {
        let r = start[i] as PullResponse;
        while (r.hasMore) r = (await p.request('GET', `/v1/sync/pull?limit=1000&cursor=${r.cursor}`)).json<PullResponse>();
        return r.cursor;
      }),
    );
    const seen = pullers.map(() => [] as string[]);
    let writing = true;
    const pulling = pullers.map(async (p, i) => {
      let cursor = cursors[i] as string;
      for (;;) {
        const r = (await p.request('GET', `/v1/sync/pull?limit=7&wait=1&cursor=${cursor}`)).json<PullResponse>();
        for (const c of r.changes) if (c.kind === 'application' && c.data) seen[i]?.push(`${c.id}@${c.data.version}`);
        cursor = r.cursor;
        if (!writing && r.changes.length === 0) return;
      }
    });
    let entity = 50_000;
    await Promise.all(
      writers.map(async (w) => {
        for (let k = 0; k < 20; k++) await w.push([submit(w, entity++)]);
      }),
    );
    writing = false;
    await Promise.all(pulling);
    const expected = (
      await server.node.sql<{ id: string; v: number }[]>`
      SELECT id, (data->>'version')::int AS v FROM feed WHERE kind = 'application' AND scope = 'SP01' AND id IN (
        SELECT record_id::text FROM applications WHERE workstation_id LIKE 'SP01-P%') ORDER BY seq`
    ).map((r) => `${r.id}@${r.v}`);
    expect(expected.length).toBe(120);
    for (const s of seen) {
      const mine = s.filter((x) => expected.includes(x));
      expect(mine).toEqual(expected); // each exactly once, in commit order
    }
  }, 180_000);
});
