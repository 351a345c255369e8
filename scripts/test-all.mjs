#!/usr/bin/env node
// `npm test`: every check, in order, with one closing line `N passed, N failed` that CI reads.
// Typecheck and lint count as one check each; every vitest test (unit, integration, E2E)
// counts as one. A stage that cannot run (e.g. no Chromium) is a failure, never a skip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
let passed = 0;
let failed = 0;
const lines = [];
const failures = [];

function firstLine(text) {
  return (
    String(text ?? '')
      .split('\n')
      .find((l) => l.trim() !== '') ?? ''
  );
}

function run(label, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  return { ok: r.status === 0, seconds };
}

function check(label, cmd, args) {
  const r = run(label, cmd, args);
  if (r.ok) passed++;
  else failed++;
  lines.push(`${label.padEnd(12)} ${r.ok ? 'ok' : 'FAILED'} (${r.seconds}s)`);
}

function vitest(project, { label = project, paths = [], env = {} } = {}) {
  const out = `.tmp/vitest-${label}.json`;
  rmSync(out, { force: true });
  const r = run(
    `vitest ${label}`,
    'npx',
    ['vitest', 'run', '--project', project, ...paths, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  if (!existsSync(out)) {
    failed++;
    lines.push(`${label.padEnd(12)} FAILED to run (${r.seconds}s)`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  // A suite that fails to load has no tests in it; count it as a failure so it cannot hide.
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenFiles;
  lines.push(
    `${label.padEnd(12)} ${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed, ${report.numPendingTests} skipped (${r.seconds}s)`,
  );
  // CI shows only the end of the output: name each failure there, with the first line of why.
  for (const file of report.testResults ?? []) {
    const where = file.name.replace(`${process.cwd()}/`, '');
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      failures.push(`${label}: ${where}: ${firstLine(file.message)}`);
    }
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'failed') failures.push(`${label}: ${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    }
  }
  if (!r.ok && report.numFailedTests + brokenFiles === 0) {
    failed++;
    lines.push(`${label.padEnd(12)} vitest exited non-zero`);
  }
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('format', 'npx', ['prettier', '--check', '.']);
vitest('unit');
// The central API's tests ran above against the PostgreSQL CI points them at (Debian's); run them
// once more on the embedded PostgreSQL 18 that `npm run server` uses by default, so both behave alike.
if (process.env.COUNTERDESK_TEST_DATABASE_URL) {
  vitest('unit', { label: 'server-embedded', paths: ['server/'], env: { COUNTERDESK_TEST_DATABASE_URL: '', DATABASE_URL: '' } });
}
const build = run('build', 'npm', ['run', 'build:renderer', '--silent']);
if (build.ok) {
  vitest('e2e');
} else {
  failed++;
  lines.push('e2e          FAILED: the renderer did not build');
}

console.log('\n=== summary');
for (const l of lines) console.log(l);
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
