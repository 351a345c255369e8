#!/usr/bin/env node
// `npm run test:faults -- --runs N --seed S [--quiesce-ms M]`: the seeded sync fault schedules
// (services/sync/sync-faults.test.ts) with more runs than the normal suite's. A failure prints
// fast-check's counterexample and the seed that reproduces it.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '100' }, seed: { type: 'string' }, 'quiesce-ms': { type: 'string' } },
  allowPositionals: false,
});
const seed = values.seed ?? String((process.pid * 7919 + Math.floor(performance.timeOrigin)) % 2 ** 31);
const env = {
  ...process.env,
  SYNC_FAULT_RUNS: values.runs,
  SYNC_FAULT_SEED: seed,
  ...(values['quiesce-ms'] ? { SYNC_FAULT_QUIESCE_MS: values['quiesce-ms'] } : {}),
};
console.log(`sync fault schedules: ${values.runs} runs, seed ${seed}`);
const started = performance.now();
const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'services/sync/sync-faults.test.ts'], { stdio: 'inherit', env });
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(
  `${r.status === 0 ? 'passed' : 'FAILED'}: ${values.runs} runs, seed ${seed}, ${seconds} s (lost / duplicated / stuck: ${r.status === 0 ? '0 / 0 / 0' : 'see the counterexample above'})`,
);
process.exit(r.status ?? 1);
