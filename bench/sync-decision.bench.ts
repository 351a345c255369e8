// Issue 15: a supervisor decides on workstation B → the clerk's workstation A shows it, over
// loopback through the real central API (its own process, PostgreSQL), both workstations with
// production sync timing (outbox looked at every second, 25 s long polls). Target: p99 < 2 s.
// Baseline in the same run: one signed-request-sized round trip to the same server (GET /health).
import { request } from 'node:http';
import { startServerProcess } from '../server/test-support/server-process-fixture';
import { decideElsewhere, pulledPending, submitComplete } from '../services/sync/test-support/complete-application';
import { openTestWorkstation, until } from '../services/sync/test-support/workstation';
import { DEFAULT_TIMING } from '../services/sync/sync-worker';
import { measure, summarise, type BenchSuite } from './harness';

const DECISIONS = Number(process.env.SYNC_BENCH_DECISIONS ?? 40);
const CLOCK = '2026-11-23T02:00:00.000Z';
const PRODUCTION = DEFAULT_TIMING;

const health = (url: string) =>
  new Promise<void>((resolve, reject) => {
    const req = request(`${url}/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });

const suite: BenchSuite = async (report) => {
  const server = await startServerProcess({ clockIso: CLOCK });
  const a = openTestWorkstation({ clock: () => new Date(CLOCK), timing: PRODUCTION, code: 'W1' });
  const b = openTestWorkstation({ clock: () => new Date(CLOCK), timing: PRODUCTION, code: 'W2' });
  try {
    await a.worker.enrol({ serverUrl: server.url, code: await server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
    await b.worker.enrol({ serverUrl: server.url, code: await server.issueCode('SP01', 'W2'), servicePoint: 'SP01', workstation: 'W2' });
    a.worker.start();
    b.worker.start();
    const apps = [];
    for (let n = 1; n <= DECISIONS; n++) apps.push(submitComplete(a, { n, clerk: 'C1', scans: [20_000, 10_000], workstation: 'W1' }));
    await until(() => pulledPending(b).length === DECISIONS, 600_000, "B's queue to hold every application");
    const baseline = await measure('GET /health round trip (loopback)', () => health(server.url), { iterations: 200, warmup: 20 });
    const lat: number[] = [];
    for (const app of apps) {
      // Let both workstations settle into their idle rhythm, as between two decisions at a counter.
      await new Promise((r) => setTimeout(r, 300 + Math.floor(Math.random() * 1_000)));
      const t0 = performance.now();
      decideElsewhere(b, app.id, 'approve', 'S1', CLOCK);
      await until(() => a.store.applications.get(app.id)?.status === 'approved', 60_000, 'the decision on A');
      lat.push(performance.now() - t0);
    }
    report.compare(`decision on B → shown on A, ${DECISIONS} decisions (target p99 < 2 s)`, baseline, summarise('decided on B → approved on A', lat));
  } finally {
    await a.close();
    await b.close();
    await server.close();
  }
};

export default suite;
