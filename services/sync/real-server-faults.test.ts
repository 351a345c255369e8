import { afterEach, describe, it } from 'vitest';
import { startKillablePostgres } from '../../server/test-support/killable-postgres';
import { startServerProcess, type ServerProcess } from '../../server/test-support/server-process-fixture';
import { submitComplete, type Submitted } from './test-support/complete-application';
import { startFaultProxy, type FaultProxy } from './test-support/fault-proxy';
import { expectConverged, type Station } from './test-support/real-converged';
import { openTestWorkstation } from './test-support/workstation';

// Faults against the real central API (server/ in its own process, PostgreSQL): `kill -9` of
// the server node and of PostgreSQL while a workstation pushes, duplicate delivery and lost
// answers on the way, a 20 MB scan, and a workstation clock a day off either way. After each,
// sync quiesces and nothing is lost, duplicated or stuck (test-support/real-converged.ts).

const CLOCK = '2026-11-23T02:00:00.000Z';
const DAY = 86_400_000;
const TIMING = { chunkBytes: 1024 * 1024, requestTimeoutMs: 15_000 };

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

/** The workstation's clock: the server's fixed time plus `skewMs`, moving on in real time. */
const wsClock = (skewMs: number) => {
  const t0 = performance.now();
  return () => new Date(Date.parse(CLOCK) + skewMs + (performance.now() - t0));
};

async function setUp(o: { skewMs?: number; databaseUrl?: string } = {}): Promise<{ server: ServerProcess; proxy: FaultProxy; station: Station }> {
  const server = await startServerProcess({ clockIso: CLOCK, ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}) });
  cleanup.push(() => server.close());
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
  cleanup.push(() => proxy.close());
  const ws = openTestWorkstation({ clock: wsClock(o.skewMs ?? 0), timing: TIMING });
  cleanup.push(() => ws.close());
  await ws.worker.enrol({ serverUrl: proxy.url, code: await server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
  ws.worker.start();
  return { server, proxy, station: { id: 'SP01-W1', ws } };
}

const opsOnServer = async (server: ServerProcess) =>
  Number((await server.sql<{ n: string }[]>`SELECT count(*) AS n FROM ops WHERE workstation_id = 'SP01-W1'`)[0]!.n);

async function untilAsync(done: () => Promise<boolean>, ms: number, what: string) {
  const start = performance.now();
  while (!(await done())) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('sync against the real server under crashes', () => {
  it('kill -9 of the server node mid-push, twice, with duplicated requests and lost answers: every application once, scans intact', async () => {
    const { server, proxy, station } = await setUp();
    const submitted: Submitted[] = [];
    for (let n = 1; n <= 12; n++) submitted.push(submitComplete(station.ws, { n, clerk: 'C1', scans: [150_000, 60_000], workstation: 'W1' }));
    proxy.queue([{ kind: 'duplicate' }, { kind: 'drop_response' }, { kind: 'duplicate' }, { kind: 'reset' }, { kind: 'duplicate' }], { kind: 'pass' });
    for (const after of [2, 7]) {
      await untilAsync(async () => (await opsOnServer(server)) >= after, 60_000, `${after} ops on the server`);
      await server.kill9();
      await new Promise((r) => setTimeout(r, 200));
      await server.restart();
      proxy.retarget(Number(new URL(server.url).port));
    }
    await expectConverged(
      server,
      [station],
      submitted.map((app) => ({ owner: station, app })),
      { quiesceMs: 90_000 },
    );
  }, 180_000);

  it('kill -9 of PostgreSQL mid-push: the server answers errors meanwhile, and after the restart every application arrives once', async () => {
    const pg = await startKillablePostgres();
    cleanup.push(() => pg.close());
    const { server, proxy, station } = await setUp({ databaseUrl: pg.url });
    const submitted: Submitted[] = [];
    for (let n = 1; n <= 16; n++) submitted.push(submitComplete(station.ws, { n, clerk: 'C1', scans: [120_000, 40_000], workstation: 'W1' }));
    // Mid-push: the first ops are in, most are still to come.
    await untilAsync(async () => (await opsOnServer(server)) >= 1, 60_000, 'the first op on the server');
    pg.kill9();
    await new Promise((r) => setTimeout(r, 1_500));
    await pg.restart();
    // postgres.js 3.4 can take the whole node down when its database dies mid-query (an uncaught
    // TypeError in nextWrite, porsager/postgres#1154/#1208): production runs nodes under a supervisor
    // that starts them again, and so does this test.
    if (!server.alive()) {
      await server.restart();
      proxy.retarget(Number(new URL(server.url).port));
    }
    await expectConverged(
      server,
      [station],
      submitted.map((app) => ({ owner: station, app })),
      { quiesceMs: 120_000 },
    );
  }, 240_000);

  it.each([
    ['a day ahead', DAY, 20_000_000],
    ['a day behind', -DAY, 400_000],
  ])(
    'a workstation clock %s of the server still sends everything (a %i ms skew; a scan of %i bytes)',
    async (_label, skewMs, scan) => {
      const { server, proxy, station } = await setUp({ skewMs });
      proxy.queue([{ kind: 'reset' }, { kind: 'pass' }, { kind: 'drop_response' }, { kind: 'duplicate' }], { kind: 'pass' });
      const submitted = [submitComplete(station.ws, { n: 1, clerk: 'C1', scans: [scan, 100_000], workstation: 'W1' })];
      submitted.push(submitComplete(station.ws, { n: 2, clerk: 'C1', scans: [100_000, 200_000], workstation: 'W1' }));
      await expectConverged(
        server,
        [station],
        submitted.map((app) => ({ owner: station, app })),
        { quiesceMs: 120_000 },
      );
    },
    240_000,
  );
});
