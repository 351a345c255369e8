#!/usr/bin/env node
// `npm run test:timeshift`: the vitest suite (unit, then E2E) under a shifted wall clock, so a
// test that only passes on the day it was written (a date bomb) fails here, not in CI next month.
// Scenarios (Debian libfaketime, preloaded into every process vitest starts: workers, the
// harness, Chromium):
//   year      — one year ahead of now (the machine's clock + 365 days)
//   midnight  — one year ahead at 23:59:30 Macau time (15:59:30 UTC): Macau's day turns over
//               30 s into the run, so "today" computed twice in one test may disagree.
// The monotonic clock is shifted with the wall clock (libfaketime's default), at the same rate:
// with FAKETIME_DONT_FAKE_MONOTONIC Chromium took 40 s to start and a minute per page (its timers
// mix the two clocks), so every E2E hook timed out.
//
//   node scripts/test-timeshift.mjs                       both scenarios, unit + e2e
//   node scripts/test-timeshift.mjs --scenario midnight --project unit [vitest paths…]
//
// Closes with one line `N passed, N failed` over all runs, like `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LIB_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
];
const DAY_MS = 86_400_000;

function parseArgs(argv) {
  const opts = { scenarios: [], projects: [], paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--scenario') opts.scenarios.push(argv[++i]);
    else if (a === '--project') opts.projects.push(argv[++i]);
    else opts.paths.push(a);
  }
  if (opts.scenarios.length === 0) opts.scenarios = ['year', 'midnight'];
  if (opts.projects.length === 0) opts.projects = ['unit', 'e2e'];
  return opts;
}

/** libfaketime's FAKETIME value: "+Nd" is an offset; "@Y-M-D h:m:s" starts the clock there and lets it run. */
function fakeTime(scenario, now = new Date()) {
  if (scenario === 'year') return { FAKETIME: '+365d', label: 'one year ahead' };
  if (scenario === 'midnight') {
    const day = new Date(now.getTime() + 365 * DAY_MS).toISOString().slice(0, 10);
    return { FAKETIME: `@${day} 15:59:30`, label: `${day} 23:59:30 Macau (15:59:30 UTC)` };
  }
  throw new Error(`unknown scenario ${scenario} (year | midnight)`);
}

function faketimeEnv(FAKETIME) {
  const lib = LIB_CANDIDATES.find((p) => existsSync(p));
  if (!lib) throw new Error('libfaketime not found: apt-get install faketime');
  return {
    LD_PRELOAD: [process.env.LD_PRELOAD, lib].filter(Boolean).join(':'),
    FAKETIME,
    // "@…" dates are read in local time: pin it so the Macau scenario means 15:59:30 UTC everywhere.
    TZ: 'UTC',
  };
}

/** A check that the preload really moves Node's Date, so a green run cannot mean "not shifted". */
function assertShifted(env, scenario) {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const shiftedDays = (Number(r.stdout) - Date.now()) / DAY_MS;
  if (!(shiftedDays > 300)) throw new Error(`faketime did not shift Node's clock for ${scenario} (got ${r.stdout || r.stderr})`);
}

function buildRenderer() {
  if (process.env.COUNTERDESK_RENDERER_DIR) return process.env.COUNTERDESK_RENDERER_DIR;
  const outDir = resolve('.tmp', 'timeshift-renderer');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the renderer did not build');
  return outDir;
}

function runVitest(project, scenario, paths, env) {
  const out = join('.tmp', `timeshift-${scenario}-${project}.json`);
  rmSync(out, { force: true });
  const t0 = Date.now();
  console.log(`\n=== ${scenario} (${env.FAKETIME}) vitest ${project} ${paths.join(' ')}`);
  const r = spawnSync('npx', ['vitest', 'run', '--project', project, ...paths, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (!existsSync(out)) return { passed: 0, failed: 1, line: `FAILED to run (${seconds}s)` };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  let failed = report.numFailedTests + brokenFiles;
  if (r.status !== 0 && failed === 0) failed = 1;
  const failures = (report.testResults ?? []).flatMap((f) =>
    (f.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => `    ✗ ${f.name.replace(process.cwd() + '/', '')}: ${a.fullName}`),
  );
  return { passed: report.numPassedTests, failed, line: `${report.numPassedTests} passed, ${failed} failed (${seconds}s)`, failures };
}

const opts = parseArgs(process.argv.slice(2));
mkdirSync('.tmp', { recursive: true });
const rendererDir = opts.projects.includes('e2e') ? buildRenderer() : undefined;
let passed = 0;
let failed = 0;
const lines = [];
for (const scenario of opts.scenarios) {
  const { FAKETIME, label } = fakeTime(scenario);
  const env = { ...faketimeEnv(FAKETIME), ...(rendererDir ? { COUNTERDESK_RENDERER_DIR: rendererDir } : {}) };
  assertShifted(env, scenario);
  for (const project of opts.projects) {
    const r = runVitest(project, scenario, opts.paths, env);
    passed += r.passed;
    failed += r.failed;
    lines.push(`${scenario.padEnd(9)} ${project.padEnd(5)} ${r.line}  — ${label}`, ...(r.failures ?? []));
  }
}
console.log('\n=== timeshift summary');
for (const l of lines) console.log(l);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
