import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startServerProcess } from '../../server/test-support/server-process-fixture';
import { decideElsewhere, pulledPending, submitComplete, type Submitted } from './test-support/complete-application';
import { startFaultProxy, type Fault, type FaultProxy } from './test-support/fault-proxy';
import { expectConverged, type Station } from './test-support/real-converged';
import { openTestWorkstation, until } from './test-support/workstation';

// Seeded random schedules against the REAL central API (server/ in its own process, PostgreSQL,
// a database per run): a clerk submits on workstation W1, supervisors decide on W2 and W3 from
// what those pulled, while requests drop, reset, lose their answers, arrive twice, workstations
// restart, the server node is killed with SIGKILL, and W1's clock is off by a day. After each
// run everything quiesces and must have converged (test-support/real-converged.ts).
// CI runs 4 (about a minute and a half); `npm run test:faults -- --real-runs N --seed S` runs more (SYNC_FAULT_REAL_RUNS / SYNC_FAULT_SEED).

const RUNS = Number(process.env.SYNC_FAULT_REAL_RUNS ?? 4);
const SEED = Number(process.env.SYNC_FAULT_SEED ?? 20261128);
const QUIESCE_MS = Number(process.env.SYNC_FAULT_QUIESCE_MS ?? 90_000);
const PATH = process.env.SYNC_FAULT_PATH;
const CLOCK = '2026-11-23T02:00:00.000Z';
const DAY = 86_400_000;
const TIMING = { chunkBytes: 256 * 1024, requestTimeoutMs: 15_000 };

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  fc.constant<Fault>({ kind: 'pass' }),
  fc.constant<Fault>({ kind: 'drop' }),
  fc.constant<Fault>({ kind: 'reset' }),
  fc.constant<Fault>({ kind: 'drop_response' }),
  fc.constant<Fault>({ kind: 'duplicate' }),
  fc.integer({ min: 5, max: 120 }).map<Fault>((ms) => ({ kind: 'delay', ms })),
  fc
    .record({ direction: fc.constantFrom<'to_server' | 'to_client'>('to_server', 'to_client'), ms: fc.integer({ min: 50, max: 400 }) })
    .map<Fault>((p) => ({ kind: 'partition', ...p })),
);

type Step =
  | { t: 'submit'; scans: [number, number] }
  | { t: 'decide'; on: 1 | 2; pick: number; decision: 'approve' | 'reject' | 'return' }
  | { t: 'faults'; on: 0 | 1 | 2; faults: Fault[] }
  | { t: 'restart'; on: 0 | 1 | 2 }
  | { t: 'kill_server' }
  | { t: 'wait'; ms: number };

const station = fc.constantFrom<0 | 1 | 2>(0, 1, 2);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('submit' as const),
      scans: fc.tuple(fc.integer({ min: 100_000, max: 400_000 }), fc.integer({ min: 100_000, max: 200_000 })),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('decide' as const),
      on: fc.constantFrom<1 | 2>(1, 2),
      pick: fc.nat(),
      decision: fc.constantFrom<'approve' | 'reject' | 'return'>('approve', 'approve', 'reject', 'return'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('faults' as const), on: station, faults: fc.array(faultArb, { minLength: 1, maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('restart' as const), on: station }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('kill_server' as const) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('wait' as const), ms: fc.integer({ min: 50, max: 1_500 }) }) },
);

const scheduleArb = fc.record({
  steps: fc.array(stepArb, { minLength: 6, maxLength: 20 }),
  /** W1's clock against the server's. */
  skewMs: fc.constantFrom(0, DAY, -DAY),
});

let entity = 0;
const tally = { runs: 0, submits: 0, decisions: 0, faults: 0, restarts: 0, serverKills: 0, skewed: 0 };

async function runSchedule({ steps, skewMs }: { steps: Step[]; skewMs: number }) {
  tally.runs++;
  if (skewMs) tally.skewed++;
  const server = await startServerProcess({ clockIso: CLOCK });
  const proxies: FaultProxy[] = [];
  const stations: Station[] = [];
  try {
    const t0 = performance.now();
    for (const [i, code] of ['W1', 'W2', 'W3'].entries()) {
      const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) });
      proxies.push(proxy);
      const skew = i === 0 ? skewMs : 0;
      const ws = openTestWorkstation({ clock: () => new Date(Date.parse(CLOCK) + skew + (performance.now() - t0)), timing: TIMING, code });
      stations.push({ id: `SP01-${code}`, ws });
      await ws.worker.enrol({ serverUrl: proxy.url, code: await server.issueCode('SP01', code), servicePoint: 'SP01', workstation: code });
      ws.worker.start();
    }
    const submitted: Submitted[] = [];
    const decided = [new Set<string>(), new Set<string>(), new Set<string>()];
    for (const step of steps) {
      switch (step.t) {
        case 'submit':
          submitted.push(submitComplete(stations[0]!.ws, { n: ++entity, clerk: 'C1', scans: step.scans, workstation: 'W1' }));
          tally.submits++;
          break;
        case 'decide': {
          const ws = stations[step.on]!.ws;
          const queue = () => pulledPending(ws).filter((id) => !decided[step.on]!.has(id));
          // The supervisor looks at the queue until something arrives (a few seconds at most, as at a counter).
          if (submitted.length > 0) await until(() => queue().length > 0, 4_000, 'the queue').catch(() => undefined);
          const open = queue();
          const id = open[step.pick % Math.max(1, open.length)];
          if (id) {
            decideElsewhere(ws, id, step.decision, step.on === 1 ? 'S1' : 'S3', CLOCK);
            decided[step.on]!.add(id);
            tally.decisions++;
          }
          break;
        }
        case 'faults':
          proxies[step.on]!.queue(step.faults, { kind: 'pass' });
          tally.faults += step.faults.length;
          break;
        case 'restart':
          await stations[step.on]!.ws.restart();
          tally.restarts++;
          break;
        case 'kill_server':
          await server.kill9();
          await server.restart();
          for (const p of proxies) p.retarget(Number(new URL(server.url).port));
          tally.serverKills++;
          break;
        case 'wait':
          await new Promise((r) => setTimeout(r, step.ms));
          break;
      }
    }
    for (const p of proxies) p.queue([], { kind: 'pass' });
    for (const s of stations) s.ws.worker.retryNow();
    await expectConverged(
      server,
      stations,
      submitted.map((app) => ({ owner: stations[0]!, app })),
      { quiesceMs: QUIESCE_MS, allowConflicts: true },
    );
    // A conflict only where both supervisors decided the same application.
    for (const [i, s] of stations.entries()) {
      for (const o of s.ws.worker.items('conflict')) expect(decided[1]!.has(o.recordId) && decided[2]!.has(o.recordId), `conflict on W${i + 1}`).toBe(true);
    }
  } finally {
    for (const s of stations) await s.ws.close().catch(() => undefined);
    for (const p of proxies) await p.close();
    await server.close();
  }
}

describe('sync under faults against the real server (seeded schedules)', () => {
  it(
    `${RUNS} seeded runs (seed ${SEED}), three workstations: nothing lost, nothing duplicated, nothing stuck`,
    async () => {
      await fc.assert(fc.asyncProperty(scheduleArb, runSchedule), { numRuns: RUNS, seed: SEED, endOnFailure: true, ...(PATH ? { path: PATH } : {}) });
      console.log(`sync fault schedules (real server), seed ${SEED}: ${JSON.stringify(tally)}`);
    },
    RUNS * 180_000 + 60_000,
  );
});
