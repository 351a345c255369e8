import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../server/test-support/server-process-fixture';
import { openStore } from '../store';
import { integrityCheck } from '../store/database';
import type { Submitted } from './test-support/complete-application';
import { expectConverged } from './test-support/real-converged';
import { spawnWorkstation, type ChildStatus, type WorkstationChild } from './test-support/workstation-child';
import { openTestWorkstation, until, type TestWorkstation } from './test-support/workstation';

// `kill -9` of the workstation core against the real central API (server/ in its own process,
// PostgreSQL): mid-upload, a 20 MB scan resumes from the offset the server confirmed; mid-
// transaction, three times over, whatever was committed is on the server exactly once, with its
// scans byte for byte, ledgers equal and the store intact (test-support/real-converged.ts).
// The fake-server versions (workstation-kill-faults.test.ts) run more lives; these two keep CI short.

const CLOCK = '2026-11-23T02:00:00.000Z';
const TIMING = { chunkBytes: 1024 * 1024, requestTimeoutMs: 15_000 };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

/** The server's fixed clock, moving on in real time, as each workstation process reads it. */
const skewToServer = () => Date.parse(CLOCK) - Date.now();
const wsClock = () => {
  const skew = skewToServer();
  return () => new Date(Date.now() + skew);
};

/** A loopback TCP relay that counts the bytes the workstation sends (to see where an upload resumed). */
async function countingRelay(port: number): Promise<{ url: string; sent: () => number; close(): Promise<void> }> {
  let sent = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('data', (c: Buffer) => (sent += c.length));
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent: () => sent,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function setUp(): Promise<{ server: ServerProcess; relay: Awaited<ReturnType<typeof countingRelay>>; dir: string; key: Buffer }> {
  const server = await startServerProcess({ clockIso: CLOCK });
  cleanup.push(() => server.close());
  const relay = await countingRelay(Number(new URL(server.url).port));
  cleanup.push(() => relay.close());
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-real-kill-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  const key = randomBytes(32);
  const ws = openTestWorkstation({ clock: wsClock(), dir, key });
  await ws.worker.enrol({ serverUrl: relay.url, code: await server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
  await ws.close();
  return { server, relay, dir, key };
}

const spawn = async (dir: string, key: Buffer, numberBase: number): Promise<WorkstationChild> => {
  const child = await spawnWorkstation({ dir, key, timing: TIMING, numberBase, complete: true, skewMs: skewToServer() });
  cleanup.push(() => child.kill9());
  return child;
};

async function untilStatus(ws: WorkstationChild, ok: (s: ChildStatus) => boolean, ms: number, what: string): Promise<ChildStatus> {
  let last: ChildStatus | undefined;
  await until(
    () => {
      void ws
        .status()
        .then((s) => (last = s))
        .catch(() => undefined);
      return last !== undefined && ok(last);
    },
    ms,
    what,
  ).catch((e: Error) => {
    throw new Error(`${e.message}: ${JSON.stringify(last)} ${ws.stderr()}`);
  });
  return last!;
}

/** What the store holds as submitted (all of it committed, whether or not its "saved" reached the test), with the scans of each. */
function submittedIn(ws: TestWorkstation): Submitted[] {
  const shas = ws.store.db.prepare<[string], { sha: string }>(
    'SELECT DISTINCT p.blob_sha256 AS sha FROM attachments a JOIN attachment_pages p ON p.attachment_id = a.id WHERE a.application_id = ? ORDER BY 1',
  );
  return ws.store.db
    .prepare<[], { id: string; application_number: string }>(`SELECT id, application_number FROM applications WHERE status = 'pending_approval' ORDER BY id`)
    .all()
    .map((r) => ({ id: r.id, number: r.application_number, shas: shas.all(r.id).map((s) => s.sha) }));
}

const integrityOf = (dir: string, key: Buffer) => {
  const store = openStore({ dir, key, workstationId: 'W0001', clock: wsClock() });
  try {
    return integrityCheck(store.db);
  } finally {
    store.close();
  }
};

describe('kill -9 of the workstation core against the real server', () => {
  it('mid-upload: a 20 MB scan resumes from the offset the server confirmed, not from zero; the application arrives once', async () => {
    const { server, relay, dir, key } = await setUp();
    let child = await spawn(dir, key, 0);
    const saved = await child.submit([20_000_000, 50_000]);
    const big = saved.shas[0]!;
    const before = await untilStatus(child, (s) => (s.offsets[big] ?? 0) >= 3_000_000, 120_000, 'a few MB of the scan on the server');
    await child.kill9();
    expect(integrityOf(dir, key)).toBe('ok');
    const resumedFrom = before.offsets[big]!;
    const sentBefore = relay.sent();

    child = await spawn(dir, key, 1_000);
    await untilStatus(child, (s) => s.waiting === 0 && s.outbox === 0, 180_000, 'the resumed upload and the submission to be sent');
    await child.stop();
    // Only what the server did not have went again (beside one chunk in flight at the kill, headers and the ops).
    expect(relay.sent() - sentBefore).toBeLessThan(20_000_000 - resumedFrom + 2 * TIMING.chunkBytes);
    const blob = await server.blob(big);
    expect(blob && sha(blob)).toBe(big);

    const ws = openTestWorkstation({ clock: wsClock(), dir, key, timing: TIMING });
    cleanup.push(() => ws.close());
    ws.worker.start();
    expect(submittedIn(ws).map((a) => a.id)).toEqual([saved.id]);
    await expectConverged(server, [{ id: 'SP01-W1', ws }], [{ owner: { id: 'SP01-W1', ws }, app: submittedIn(ws)[0]! }], { quiesceMs: 60_000 });
  }, 300_000);

  it('mid-transaction, three times: everything committed is on the server exactly once, scans byte for byte, ledgers equal', async () => {
    const { server, dir, key } = await setUp();
    const seen: string[] = [];
    for (let life = 0; life < 3; life++) {
      const child = await spawn(dir, key, life * 1_000);
      child.loop([60_000, 20_000]);
      await until(() => child.saved.length >= 3, 60_000, 'some submissions').catch((e: Error) => {
        throw new Error(`${e.message}: ${child.stderr()}`);
      });
      // Die at an arbitrary moment while the clerk's saves, the worker's freeze/settle transactions and uploads run.
      await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 400)));
      await child.kill9();
      seen.push(...child.saved.map((s) => s.id));
      expect(integrityOf(dir, key)).toBe('ok');
    }
    const ws = openTestWorkstation({ clock: wsClock(), dir, key, timing: TIMING });
    cleanup.push(() => ws.close());
    ws.worker.start();
    const submitted = submittedIn(ws);
    // Nothing the clerk saw as saved is lost; a save whose "saved" line died with the process counts too.
    expect(new Set(submitted.map((a) => a.id))).toEqual(new Set([...seen, ...submitted.map((a) => a.id)]));
    expect(seen.length).toBeGreaterThanOrEqual(9);
    const station = { id: 'SP01-W1', ws };
    await expectConverged(
      server,
      [station],
      submitted.map((app) => ({ owner: station, app })),
      { quiesceMs: 120_000 },
    );
  }, 300_000);
});
