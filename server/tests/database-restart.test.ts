import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import type { PushOpInput, PushResponse } from '../../api/sync/push';
import { addServicePoint, createUser } from '../admin/administration';
import { migrate } from '../db/migrate';
import { superviseNode, type Supervisor } from '../supervisor';
import { startKillablePostgres, type KillablePostgres } from '../test-support/killable-postgres';
import { applicationNumber, firstApplication, newRecordId, testClock } from '../test-support/server-fixture';
import { TestWorkstation, type SignedResponse } from '../test-support/workstation-client';

// A server node outlives its database (issue 14): PostgreSQL is killed (-9) under a stream of
// pushes and started again. Meanwhile the node answers 503 `unavailable` — on /ready and on
// pushes, never a 500 — and once PostgreSQL is back it is ready again and the refused op goes
// through. Should postgres.js crash the node (porsager/postgres#1154, #1208), the supervisor of
// `npm run server` starts it again.

const NODE_SCRIPT = fileURLToPath(new URL('../test-support/node-process.ts', import.meta.url));
const clock = testClock();
let pg: KillablePostgres;
let dir: string;
let supervisor: Supervisor;
let url = '';
let ws: TestWorkstation;
const scans = new Map<string, string>();

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The answer of the node now serving, or null while none is (a restart in progress). */
async function attempt<T>(f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch {
    return null;
  }
}

const ready = () => attempt(async () => (await fetch(`${url}/ready`)).status);
const push = (...ops: PushOpInput[]) => attempt(() => Object.assign(ws, { baseUrl: url }).push(ops));

function nextSubmit(n: number): PushOpInput {
  const app = firstApplication(30_000 + n, scans);
  const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
  return ws.op(
    'application.submit',
    newRecordId(),
    { applicationNumber: applicationNumber(ws, n), application: app, createdBy: 'C1', editors: [] },
    { actor: 'C1', blobs },
  );
}

/** Retries until `ok` holds (or gives up after `tries`), returning the last answer. */
async function until<T>(f: () => Promise<T>, ok: (x: T) => boolean, tries = 120): Promise<T> {
  let last = await f();
  for (let i = 0; i < tries && !ok(last); i++) {
    await pause(250);
    last = await f();
  }
  return last;
}

beforeAll(async () => {
  pg = await startKillablePostgres();
  const sql = postgres(pg.url, { max: 2, onnotice: () => undefined });
  await migrate(sql, clock.now);
  await addServicePoint(sql, clock.now, 'SP01', 'Service point one');
  await createUser(sql, clock.now, { staffNumber: 'C1', displayName: 'Clerk One', roles: ['clerk'], servicePoints: ['SP01'], password: 'correct horse' });
  ws = new TestWorkstation('', 'SP01', 'R1', clock.seconds);
  await sql`INSERT INTO workstations (id, service_point, public_key, enrolled_at, created_at) VALUES (${ws.id}, 'SP01', ${ws.publicKey}, ${clock.now()}, ${clock.now()})`;
  for (const d of Object.values(sampleFirstApplication().documents)) for (const a of d.attachments) scans.set(a, `${a.length.toString(16)}`.padStart(64, 'a'));
  await sql`INSERT INTO blobs ${sql(
    [...new Set(scans.values())].map((s) => ({ sha256: s, size: 1, stored_at: clock.now() })),
    'sha256',
    'size',
    'stored_at',
  )} ON CONFLICT DO NOTHING`;
  await sql.end();
  dir = mkdtempSync(join(tmpdir(), 'counterdesk-restart-test-'));
  chmodSync(dir, 0o755);
  const listening = new Promise<void>((resolve) => {
    supervisor = superviseNode({
      script: NODE_SCRIPT,
      env: { ...process.env, DATABASE_URL: pg.url, COUNTERDESK_SERVER_DIR: dir, COUNTERDESK_TEST_CLOCK: clock.now().toISOString() },
      log: () => undefined,
      onLine: (line) => {
        const m = /LISTENING (\S+)/.exec(line);
        if (m?.[1]) {
          url = m[1];
          resolve();
        }
      },
    });
  });
  await listening;
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await pg?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a server node while PostgreSQL dies and comes back', () => {
  it('answers 503 unavailable meanwhile (never 500), is ready again after, and the refused op then applies', async () => {
    const statuses: number[] = [];
    const applied: string[] = [];
    const record = (r: SignedResponse | null, op: PushOpInput) => {
      if (!r) return;
      statuses.push(r.status);
      if (r.status === 200 && r.json<PushResponse>().results[0]?.status === 'applied') applied.push(op.opId);
    };
    let n = 0;
    for (; n < 5; n++) {
      const op = nextSubmit(n + 1);
      record(await push(op), op);
    }
    expect(applied).toHaveLength(5);
    expect(await ready()).toBe(200);

    // A workstation long-polling at the head of the feed when the database goes.
    let cursor: string | undefined;
    for (let more = true; more;) {
      const page = await attempt(() => Object.assign(ws, { baseUrl: url }).request('GET', `/v1/sync/pull${cursor ? `?cursor=${cursor}` : ''}`));
      const body = page?.json<{ cursor: string; hasMore: boolean }>();
      cursor = body?.cursor;
      more = body?.hasMore ?? false;
    }
    const longPoll = attempt(() => ws.request('GET', `/v1/sync/pull?cursor=${cursor}&wait=2`));

    // Killed while pushes are in flight.
    const inFlight = Array.from({ length: 4 }, () => nextSubmit(++n + 1));
    const racing = inFlight.map(async (op, i) => {
      await pause(i * 5);
      return push(op);
    });
    pg.kill9();
    const raced = await Promise.all(racing);
    raced.forEach((r, i) => record(r, inFlight[i] as PushOpInput));

    expect(await until(ready, (s) => s === 503)).toBe(503);
    // The long poll ends while the database is away: 503 (retried), not an internal error.
    const polled = await longPoll;
    expect(polled?.status).toBe(503);
    expect(polled?.json<{ error: { code: string } }>().error.code).toBe('unavailable');
    // The op the workstation would send next (the first not yet acknowledged).
    const unacked = inFlight.filter((op) => !applied.includes(op.opId));
    const firstUnacked = unacked[0] as PushOpInput;
    const refused = await until(
      () => push(firstUnacked),
      (r) => r?.status === 503,
    );
    expect(refused?.status).toBe(503);
    expect(refused?.json<{ error: { code: string } }>().error.code).toBe('unavailable');
    expect(refused?.headers.get('retry-after')).toBe('5');

    await pg.restart();
    expect(await until(ready, (s) => s === 200)).toBe(200);
    // The workstation's outbox, in order, from the first op not acknowledged.
    const again = await until(
      () => push(...unacked),
      (r) => r?.status === 200,
    );
    expect(again?.status).toBe(200);
    const results = again?.json<PushResponse>().results ?? [];
    expect(results.map((r) => r.status)).toEqual(unacked.map(() => 'applied'));
    applied.push(...unacked.map((op) => op.opId));

    expect(statuses).not.toContain(500);
    // Every op acknowledged as applied survived the crash (fsync on: the ack promised durability).
    const sql = postgres(pg.url, { max: 1, onnotice: () => undefined });
    const stored = await sql<{ op_id: string }[]>`SELECT op_id FROM ops WHERE workstation_id = ${ws.id}`;
    await sql.end();
    expect(stored.map((s) => s.op_id)).toEqual(expect.arrayContaining(applied));
  }, 180_000);

  it('a node that dies is started again by the supervisor of `npm run server`', async () => {
    const before = { pid: supervisor.pid(), url, restarts: supervisor.restarts() };
    process.kill(before.pid as number, 'SIGKILL');
    await until(
      async () => supervisor.restarts() > before.restarts && url !== before.url,
      (x) => x,
    );
    expect(supervisor.pid()).not.toBe(before.pid);
    expect(await until(ready, (s) => s === 200)).toBe(200);
    const op = nextSubmit(50);
    const r = await push(op);
    expect(r?.json<PushResponse>().results[0]?.status).toBe('applied');
  }, 120_000);
});
