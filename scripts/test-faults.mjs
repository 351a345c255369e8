#!/usr/bin/env node
// `npm run test:faults -- --runs N [--real-runs M] --seed S [--quiesce-ms Q] [--path P]`: the seeded
// sync fault schedules with more runs than the normal suite's (which runs 50 against the fake
// server and 4 against the real one): N runs against the protocol-faithful fake server
// (services/sync/sync-faults.test.ts), then M (default N / 25, at least 4) against the real
// central API (services/sync/real-server-schedule-faults.test.ts). A failure prints fast-check's
// counterexample, the seed and the path that replay it (`--path`, one file at a time).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    'real-runs': { type: 'string' },
    seed: { type: 'string' },
    'quiesce-ms': { type: 'string' },
    path: { type: 'string' },
    only: { type: 'string' },
  },
  allowPositionals: false,
});
const seed = values.seed ?? String((process.pid * 7919 + Math.floor(performance.timeOrigin)) % 2 ** 31);
const realRuns = values['real-runs'] ?? String(Math.max(4, Math.round(Number(values.runs) / 25)));
const env = {
  ...process.env,
  SYNC_FAULT_RUNS: values.runs,
  SYNC_FAULT_REAL_RUNS: realRuns,
  SYNC_FAULT_SEED: seed,
  ...(values['quiesce-ms'] ? { SYNC_FAULT_QUIESCE_MS: values['quiesce-ms'] } : {}),
  ...(values.path ? { SYNC_FAULT_PATH: values.path } : {}),
};
const suites = [
  { name: 'fake', runs: values.runs, file: 'services/sync/sync-faults.test.ts' },
  { name: 'real', runs: realRuns, file: 'services/sync/real-server-schedule-faults.test.ts' },
].filter((s) => !values.only || s.name === values.only);
let failed = false;
for (const s of suites) {
  console.log(`sync fault schedules (${s.name} server): ${s.runs} runs, seed ${seed}`);
  const started = performance.now();
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', s.file], { stdio: 'inherit', env });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `${r.status === 0 ? 'passed' : 'FAILED'} (${s.name} server): ${s.runs} runs, seed ${seed}, ${seconds} s (lost / duplicated / stuck: ${r.status === 0 ? '0 / 0 / 0' : 'see the counterexample above'})`,
  );
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
