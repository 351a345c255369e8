import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../api/sync/push';
import { resetPassword } from '../admin/administration';
import { applicationNumber, firstApplication, newRecordId, PASSWORD, sampleScans, startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';
import { SESSION_REQUIRED_SETTING } from '../sync/push-service';

// Issue 14 item 4 (docs/sync-protocol.md §4): an op's actor is bound to a server-verified session
// of that person at that workstation, not to whatever the workstation writes in `actor`.

let server: TestServer;
let scans: Map<string, string>;
let w1: TestWorkstation;
let w2: TestWorkstation;
let n = 0;

beforeAll(async () => {
  server = await startTestServer();
  scans = await sampleScans(server);
  w1 = await server.workstation('SP01', 'W1');
  w2 = await server.workstation('SP01', 'W2');
}, 90_000);
afterAll(async () => server?.close());

function submit(ws: TestWorkstation, o: { actor: string; sessionId?: string }) {
  const app = firstApplication(40_000 + ++n, scans);
  const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
  return ws.op(
    'application.submit',
    newRecordId(),
    { applicationNumber: applicationNumber(ws, n), application: app, createdBy: o.actor, editors: [] },
    { actor: o.actor, blobs, ...(o.sessionId ? { sessionId: o.sessionId } : {}) },
  );
}

const resultOf = async (p: ReturnType<TestWorkstation['push']>) => {
  const res = await p;
  expect(res.status).toBe(200);
  return res.json<PushResponse>();
};

describe('ops bound to the person’s server session', () => {
  it('an op made in the actor’s session is applied and records the session', async () => {
    const c1 = await w1.signIn('C1', PASSWORD);
    const op = submit(w1, { actor: 'C1', sessionId: c1.sessionId });
    const r = await resultOf(w1.push([op]));
    expect(r.results[0]).toMatchObject({ status: 'applied' });
    const [row] = await server.node.sql<{ session_id: string }[]>`SELECT session_id FROM ops WHERE op_id = ${op.opId}::uuid`;
    expect(row?.session_id).toBe(c1.sessionId);
  });

  it('a forged actor is refused: another person’s name on an op made in the clerk’s session, or another workstation’s session', async () => {
    const c1 = await w1.signIn('C1', PASSWORD);
    const s3OnW2 = await w2.signIn('S3', PASSWORD);
    // The clerk's session, but the op claims the supervisor did it.
    const forged = submit(w1, { actor: 'S3', sessionId: c1.sessionId });
    // A real session of S3 — at another workstation.
    const borrowed = submit(w1, { actor: 'S3', sessionId: s3OnW2.sessionId });
    const r = await resultOf(w1.push([forged, borrowed]));
    for (const res of r.results) expect(res).toMatchObject({ status: 'rejected', reason: { code: 'actor_not_session_user' } });
    const stored = await server.node.sql`SELECT 1 FROM applications WHERE record_id IN (${forged.recordId}::uuid, ${borrowed.recordId}::uuid)`;
    expect(stored.length).toBe(0);
    // Parked, not lost: a replay gets the same refusal.
    const again = await resultOf(w1.push([forged]));
    expect(again.results[0]).toMatchObject({ status: 'duplicate', original: { status: 'rejected', reason: { code: 'actor_not_session_user' } } });
  });

  it('where sessions are required, an op without one waits (needs_session, not consumed) until its actor is signed in', async () => {
    await server.node.sql`INSERT INTO settings (key, value) VALUES (${SESSION_REQUIRED_SETTING}, 'true'::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`;
    try {
      const before = await resultOf(w2.push([]));
      const op = submit(w2, { actor: 'C2' });
      const waiting = await resultOf(w2.push([op]));
      expect(waiting.results[0]).toEqual({ opId: op.opId, clientSeq: op.clientSeq, status: 'needs_session', actor: 'C2' });
      expect(waiting.ackedThrough).toBe(before.ackedThrough);
      // Someone else signed in does not vouch for C2.
      const c1 = await w2.signIn('C1', PASSWORD);
      expect((await resultOf(w2.push([op], { session: c1.token }))).results[0]).toMatchObject({ status: 'needs_session' });
      // C2 signs in: the same op goes through, attested by the request's session.
      const c2 = await w2.signIn('C2', PASSWORD);
      const done = await resultOf(w2.push([op], { session: c2.token }));
      expect(done.results[0]).toMatchObject({ status: 'applied' });
      const [row] = await server.node.sql<{ session_id: string }[]>`SELECT session_id FROM ops WHERE op_id = ${op.opId}::uuid`;
      expect(row?.session_id).toBe(c2.sessionId);
    } finally {
      await server.node.sql`DELETE FROM settings WHERE key = ${SESSION_REQUIRED_SETTING}`;
    }
  });

  it('a session ended by a password reset no longer signs requests, yet still vouches for the ops made during it', async () => {
    const c1 = await w1.signIn('C1', PASSWORD);
    const made = submit(w1, { actor: 'C1', sessionId: c1.sessionId });
    await resetPassword(server.node.sql, server.clock.now, 'C1', PASSWORD);
    const refused = await w1.push([], { session: c1.token });
    expect(refused.status).toBe(401);
    expect(refused.json()).toEqual({ error: { code: 'session_invalid', messageKey: 'sync.error.session_invalid' } });
    expect((await resultOf(w1.push([made]))).results[0]).toMatchObject({ status: 'applied' });
  });
});
