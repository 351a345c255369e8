import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { PASSWORD, startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { startFaultProxy, type FaultProxy } from './test-support/fault-proxy';
import { decideElsewhere, submitComplete } from './test-support/complete-application';
import { openTestWorkstation, until, type TestWorkstation } from './test-support/workstation';

// Issue 14 "users sign in to the server through their workstation's session": against the real
// server with sessions required, every op reaches the server attested by its own person's
// session — made online, made before the person ever signed in to the server, or signed in while
// the server did not answer. An op nobody can attest yet waits in order, named on the status bar;
// it is never dropped or attributed to someone else.

describe('people’s server sessions through the workstation (sessions required)', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let ws: TestWorkstation;
  beforeAll(async () => {
    server = await startTestServer();
    await server.node.sql`INSERT INTO settings (key, value) VALUES ('sync.sessionRequired', 'true'::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = 'true'::jsonb`;
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(server.node.url).port) });
    ws = openTestWorkstation({ clock: server.clock.now, code: 'W1' });
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    await ws.worker.enrol({ serverUrl: proxy.url, code, servicePoint: 'SP01', workstation: 'W1' });
    ws.worker.start();
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await proxy?.close();
    await server?.close();
  });

  const attestation = async (recordId: string, type: string) =>
    server.node.sql<{ status: string; actor: string; session_staff: string | null; session_workstation: string | null }[]>`
      SELECT o.outcome->>'status' AS status, o.actor, s.staff_number AS session_staff, s.workstation_id AS session_workstation
      FROM ops o LEFT JOIN sessions s ON s.id = o.session_id
      WHERE o.record_id = ${recordId}::uuid AND o.type = ${type}`;
  const drained = (what: string) =>
    until(() => ws.worker.status().waiting === 0 && ws.store.outbox.pendingCount() === 0, 30_000, what).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(ws.worker.status())}`);
    });

  /** The person signs in at the counter while the server does not answer (their sign-in then waits for its next try). */
  const signedInUnanswered = async (staff: string) => {
    proxy.set({ kind: 'drop' });
    ws.worker.signedOut(staff);
    server.clock.advance(5);
    await ws.worker.signedIn(staff, PASSWORD);
    expect(ws.worker.serverSession(staff)).toBeUndefined();
  };
  /** Every error code the status bar showed while `work` ran (looked at every 5 ms). */
  const errorsShownWhile = async (work: () => Promise<void>): Promise<Set<string>> => {
    const seen = new Set<string>();
    const watching = setInterval(() => {
      const code = ws.worker.status().lastError?.code;
      if (code) seen.add(code);
    }, 5);
    try {
      await work();
    } finally {
      clearInterval(watching);
    }
    return seen;
  };

  let first: string;

  it('a clerk signed in online: their application reaches the server attested by their own session at this workstation', async () => {
    await ws.worker.signedIn('C1', PASSWORD);
    expect(ws.worker.serverSession('C1')?.staffNumber).toBe('C1');
    first = submitComplete(ws, { n: 1, clerk: 'C1', scans: [20_000, 20_000], workstation: 'W1' }).id;
    await drained('C1’s application to be sent');
    expect(await attestation(first, 'application.submit')).toEqual([{ status: 'applied', actor: 'C1', session_staff: 'C1', session_workstation: 'SP01-W1' }]);
  }, 60_000);

  it('work of someone not signed in to the server waits, named, and is attested by their next sign-in — a wrong password changes nothing', async () => {
    const second = submitComplete(ws, { n: 2, clerk: 'C2', scans: [20_000, 20_000], workstation: 'W1' }).id;
    await until(() => ws.worker.status().lastError?.code === 'needs_session', 20_000, 'the status to say who must sign in');
    const waiting = ws.worker.status();
    expect(waiting).toMatchObject({
      state: 'attention',
      waiting: 1,
      lastError: { messageKey: 'sync.status.error.needsSession', params: { staffNumber: 'C2' } },
    });
    expect(await attestation(second, 'application.submit')).toEqual([]);

    await ws.worker.signedIn('C2', 'not the password');
    expect(ws.worker.serverSession('C2')).toBeUndefined();
    expect(ws.worker.status().waiting).toBe(1);
    expect(ws.worker.items('parked')).toEqual([]);

    await ws.worker.signedIn('C2', PASSWORD);
    await drained('C2’s application to be sent once C2 signed in');
    expect(await attestation(second, 'application.submit')).toEqual([{ status: 'applied', actor: 'C2', session_staff: 'C2', session_workstation: 'SP01-W1' }]);
    expect(ws.worker.status().lastError).toBeNull();
  }, 60_000);

  it('a supervisor who signed in while the server did not answer: their decision goes, attested, once it answers — without asking again', async () => {
    proxy.set({ kind: 'drop' });
    await ws.worker.signedIn('S1', PASSWORD);
    expect(ws.worker.serverSession('S1')).toBeUndefined();
    decideElsewhere(ws, first, 'approve', 'S1', server.clock.now().toISOString());
    proxy.set({ kind: 'pass' });
    // The sign-in is tried again a little later (the worker's clock must move on for that).
    const ticking = setInterval(() => server.clock.advance(1), 100);
    try {
      await drained('S1’s decision to be sent');
    } finally {
      clearInterval(ticking);
    }
    expect(ws.worker.serverSession('S1')?.staffNumber).toBe('S1');
    expect(await attestation(first, 'application.decide')).toEqual([{ status: 'applied', actor: 'S1', session_staff: 'S1', session_workstation: 'SP01-W1' }]);
  }, 60_000);

  it('work done after the person signed out (offline sign-in since) waits for their next server session, not the old one', async () => {
    ws.worker.signedOut('C1');
    server.clock.advance(5);
    const before = ws.store.db.prepare<[], { value: string }>(`SELECT value FROM sync_state WHERE key = 'person.session.C1'`).get()!;
    const oldSession = (JSON.parse(before.value) as { sessionId: string }).sessionId;
    const third = submitComplete(ws, { n: 3, clerk: 'C1', scans: [20_000, 20_000], workstation: 'W1' }).id;
    await until(() => ws.worker.status().lastError?.code === 'needs_session', 20_000, 'C1’s later work to wait');
    await ws.worker.signedIn('C1', PASSWORD);
    await drained('C1’s later application to be sent');
    const [row] = await server.node.sql<{ session_id: string }[]>`SELECT session_id::text FROM ops WHERE record_id = ${third}::uuid`;
    expect(row?.session_id).toBeDefined();
    expect(row?.session_id).not.toBe(oldSession);
    expect(await attestation(third, 'application.submit')).toEqual([{ status: 'applied', actor: 'C1', session_staff: 'C1', session_workstation: 'SP01-W1' }]);
  }, 60_000);
  it('“retry now” once the server answers again signs in at once a person the server did not answer, not at their next try', async () => {
    await signedInUnanswered('C2');
    const fourth = submitComplete(ws, { n: 4, clerk: 'C2', scans: [20_000, 20_000], workstation: 'W1' }).id;
    proxy.set({ kind: 'pass' });
    // The worker's clock stands still: without "retry now" the sign-in would wait for its next try.
    ws.worker.retryNow();
    await drained('C2’s application to be sent after “retry now”');
    expect(ws.worker.serverSession('C2')?.staffNumber).toBe('C2');
    expect(await attestation(fourth, 'application.submit')).toEqual([{ status: 'applied', actor: 'C2', session_staff: 'C2', session_workstation: 'SP01-W1' }]);
  }, 60_000);

  it('signed in while the server did not answer: once it answers, the work goes attested and the bar never asks the signed-in clerk to sign in', async () => {
    await signedInUnanswered('C1');
    const fifth = submitComplete(ws, { n: 5, clerk: 'C1', scans: [20_000, 20_000], workstation: 'W1' }).id;
    // The push failed too: the clerk sees the outage, not a request to sign in.
    await until(() => ws.worker.status().state === 'offline', 20_000, 'the push to fail while the server does not answer');
    proxy.set({ kind: 'pass' });
    // The worker's clock stands still and nobody presses "retry now": the failed push's own retry
    // must try the sign-in first. Pushed first, the server answers needs_session and the bar names C1.
    const seen = await errorsShownWhile(() => drained('C1’s application to be sent once the server answers'));
    expect(seen.has('needs_session')).toBe(false);
    expect(ws.worker.serverSession('C1')?.staffNumber).toBe('C1');
    expect(await attestation(fifth, 'application.submit')).toEqual([{ status: 'applied', actor: 'C1', session_staff: 'C1', session_workstation: 'SP01-W1' }]);
  }, 60_000);

  it('signed in while the server did not answer, work submitted once it answers again: the server’s ask for a session signs them in at once, the bar says nothing', async () => {
    await signedInUnanswered('C2');
    proxy.set({ kind: 'pass' });
    // Nothing failed to push (nothing was waiting), the worker's clock stands still: the first push
    // is answered needs_session, and the sign-in that waits for its next try must go then.
    let sixth = '';
    const seen = await errorsShownWhile(async () => {
      sixth = submitComplete(ws, { n: 6, clerk: 'C2', scans: [20_000, 20_000], workstation: 'W1' }).id;
      await drained('C2’s application to be sent');
    });
    expect(seen.has('needs_session')).toBe(false);
    expect(ws.worker.serverSession('C2')?.staffNumber).toBe('C2');
    expect(await attestation(sixth, 'application.submit')).toEqual([{ status: 'applied', actor: 'C2', session_staff: 'C2', session_workstation: 'SP01-W1' }]);
  }, 60_000);
});
