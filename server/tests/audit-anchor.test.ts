import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushOpInput, PushResponse } from '../../api/sync/push';
import { applicationNumber, firstApplication, newRecordId, sampleScans, startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';

// Audit anchoring (issue 12 item 12, docs/sync-protocol.md): each push carries the workstation's
// audit-chain head and the server keeps it, so a local chain rewritten afterwards is detectable.
// The head travels with the first op's transaction: kept when the op is applied or settled
// otherwise, never when the request is refused.

let server: TestServer;
let scans: Map<string, string>;
let ws: TestWorkstation;
let n = 0;

beforeAll(async () => {
  server = await startTestServer();
  scans = await sampleScans(server);
  ws = await server.workstation('SP01', 'A1');
}, 60_000);
afterAll(async () => server?.close());

function submit(): PushOpInput {
  const app = firstApplication(40_000 + ++n, scans);
  const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
  return ws.op(
    'application.submit',
    newRecordId(),
    { applicationNumber: applicationNumber(ws, n), application: app, createdBy: 'C1', editors: [] },
    { actor: 'C1', blobs },
  );
}

const head = (seq: number, tag = 'a') => ({ seq, hash: `${tag}${seq}`.padEnd(64, '0') });
const kept = async () =>
  (
    await server.node.sql<{ seq: string; contradicts_previous: boolean }[]>`
      SELECT seq, contradicts_previous FROM audit_heads WHERE workstation_id = ${ws.id} ORDER BY id`
  ).map((r) => `${r.seq}${r.contradicts_previous ? '!' : ''}`);

describe('audit heads pushed with ops', () => {
  it('keeps each new head, says when it is unchanged or contradicts the last one, and keeps nothing of a refused request', async () => {
    const first = submit();
    const a = await ws.push([first], { auditHead: head(10) });
    expect(a.json<PushResponse>()).toMatchObject({ auditAnchor: 'recorded', results: [{ status: 'applied' }] });

    // The same op again (a lost response): settled as a duplicate, the unchanged head not kept twice.
    const again = await ws.push([first], { auditHead: head(10) });
    expect(again.json<PushResponse>()).toMatchObject({ auditAnchor: 'unchanged', results: [{ status: 'duplicate' }] });

    // A head further on, with a new op; then one going backwards (a rewritten or restored chain).
    const b = await ws.push([submit()], { auditHead: head(14) });
    expect(b.json<PushResponse>().auditAnchor).toBe('recorded');
    const c = await ws.push([submit()], { auditHead: head(12, 'b') });
    expect(c.json<PushResponse>().auditAnchor).toBe('contradicts_previous');

    // An op id reused with another payload: the whole request is refused and its head not kept.
    const reused = { ...submit(), opId: first.opId };
    ws.nextSeq--;
    const refused = await ws.push([reused], { auditHead: head(20) });
    expect(refused.status).toBe(422);

    // A head with no ops at all.
    const d = await ws.push([], { auditHead: head(21) });
    expect(d.json<PushResponse>().auditAnchor).toBe('recorded');

    expect(await kept()).toEqual(['10', '14', '12!', '21']);
  });
});
