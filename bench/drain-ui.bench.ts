// Issue 15, as the clerk feels it: key press → checklist updated on screen while the workstation
// drains its outbox to the central API after an outage, beside the same key presses once the
// outbox is empty (target: p99 within 20 %). The real thing end to end: the app's core in its own
// process (the browser harness, as `npm start` runs it), the renderer in Debian's Chromium, the
// central API (server/, PostgreSQL) in this process, stopped for the outage and started again. The clerk types in a new application's
// entity name; each press flips a checklist item. The checklist follows the renderer's own copy
// of the form (renderer/src/screens/intake/live-assessment.ts), so what a drain can cost it is
// CPU the two cores share, and the core's answers to the autosave that follows the typing.
// DRAIN_UI_BENCH_APPS=N applications with two ~500 KB scans each (default 600);
// DRAIN_UI_BENCH_KEYS=N presses per measurement (default 300). Idle is measured before the drain
// (the server down: the outage) and after it (the outbox empty), the drain in between.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { summarise, type BenchSuite } from './harness';
import { runAsRemote } from './remote-server';
import { newDataDir, startApp } from '../e2e/support/app-process';
import { launchBrowser, callFromPage } from '../e2e/support/browser';
import { configureWorkstation } from '../e2e/support/pending-applications';
import { enrolWorkstation, startCentralServer } from '../e2e/support/sync-server';
import { CLERK, enrolUsers, signIn } from '../e2e/support/users';
import { newApplication } from '../e2e/support/intake-ui';
import { systemClock } from '../services/core/clock';
import { loadOrCreateWorkstationConfig } from '../services/core/workstation-config';
import { openStore } from '../services/store';
import { loadOrCreateKeyFile } from '../services/store/keys';
import { submitComplete } from '../services/sync/test-support/complete-application';
import { macauDay } from '../domain/macau-day';

const ROOT = resolve(import.meta.dirname, '..');
const APPS = Number(process.env.DRAIN_UI_BENCH_APPS ?? 600);
const KEYS = Number(process.env.DRAIN_UI_BENCH_KEYS ?? 300);
const SCAN_BYTES = 500_000;

/** The outage: `APPS` applications with their scans, submitted here and never sent. */
function seedOutbox(dataDir: string, workstation: string): void {
  const config = loadOrCreateWorkstationConfig(dataDir);
  const store = openStore({ dir: dataDir, key: loadOrCreateKeyFile(join(dataDir, 'store.key')), workstationId: config.workstationId, clock: systemClock });
  try {
    const day = macauDay(systemClock());
    for (let n = 1; n <= APPS; n++) submitComplete({ store }, { n, clerk: CLERK.staffNumber, scans: [SCAN_BYTES, SCAN_BYTES], workstation, day });
  } finally {
    store.close();
  }
}

/** Keydown → the next frame after the checklist changed, timed inside the page (as intake-ui.bench.ts). */
async function keyLatencies(page: Page, n: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __t0: number; __watching?: boolean };
    w.__lat = [];
    w.__t0 = 0;
    if (w.__watching) return;
    w.__watching = true;
    document.addEventListener('keydown', () => (w.__t0 = performance.now()), true);
    new MutationObserver(() => {
      const t0 = w.__t0;
      if (!t0) return;
      w.__t0 = 0;
      requestAnimationFrame(() => w.__lat.push(performance.now() - t0));
    }).observe(document.querySelector('.checklist')!, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'a' : 'Backspace');
    await page.waitForFunction((count) => (window as unknown as { __lat: number[] }).__lat.length > count, i, { timeout: 10_000 });
  }
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
}

const waiting = async (page: Page): Promise<number> => {
  const r = await callFromPage(page, 'sync.status', {});
  if (!r.ok) throw new Error(`sync.status: ${JSON.stringify(r.error)}`);
  return (r.value as { waiting: number }).waiting;
};

const suite: BenchSuite = async (report) => {
  const built = spawnSync('npm', ['run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: 'ignore' });
  if (built.status !== 0) throw new Error('renderer build failed');
  const server = await startCentralServer({ servicePoint: 'SP01', users: [CLERK] });
  const dataDir = newDataDir();
  const config = configureWorkstation(dataDir, 'W07', 'SP01');
  await enrolUsers(dataDir, [CLERK]);
  const s0 = performance.now();
  seedOutbox(dataDir, config.workstationId);
  report.note(`${APPS} applications with ${2 * APPS} scans of ~500 KB waiting to be sent (seeded in ${((performance.now() - s0) / 1000).toFixed(0)} s)`);
  await enrolWorkstation(dataDir, server.url, await server.enrolmentCode('SP01', config.workstationId));
  await server.stop();
  const app = await startApp(dataDir);
  const browser = await launchBrowser();
  // The central API runs in this process (the app and Chromium have their own): this process and
  // the PostgreSQL serving it act as the remote machines they are in production (remote-server.ts).
  const remote = runAsRemote(() => [process.pid]);
  try {
    const page = await browser.newPage();
    await page.goto(app.url);
    await signIn(page, CLERK);
    await newApplication(page);
    const name = page.getByRole('group', { name: '一、實體資料' }).getByLabel('中文名稱');
    await name.waitFor();
    await name.focus();

    // Idle before: the server is down, so the worker only waits out its back-off (the outage).
    const idleBefore = await keyLatencies(page, KEYS);
    await server.start();
    const retried = await callFromPage(page, 'sync.retryNow', {});
    if (!retried.ok) throw new Error(`sync.retryNow: ${JSON.stringify(retried.error)}`);
    await name.focus();
    const before = await waiting(page);
    const t0 = performance.now();
    const busy = await keyLatencies(page, KEYS);
    const busyS = (performance.now() - t0) / 1000;
    const after = await waiting(page);
    report.note(`while draining: ${before} → ${after} submissions waiting over the ${busyS.toFixed(1)} s of typing`);
    if (after === 0 || after === before) report.note('WARNING: the outbox was not draining all through the typing (raise DRAIN_UI_BENCH_APPS)');

    const d0 = performance.now();
    while ((await waiting(page)) > 0) {
      if (performance.now() - d0 > 600_000) throw new Error('the outbox did not drain within 10 minutes');
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await name.focus();
    const idleAfter = await keyLatencies(page, KEYS);
    report.compare(
      'key press → checklist on screen while the outbox drains (target: p99 within 20 % of idle)',
      summarise('the same with sync idle (before: server down; after: outbox empty)', [...idleBefore, ...idleAfter]),
      summarise('while draining to the central API', busy),
    );
    const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;
    report.note(`idle p99 before the drain ${p99(idleBefore).toFixed(1)} ms, after it ${p99(idleAfter).toFixed(1)} ms`);
    report.note(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    remote.stop();
    await browser.close();
    await app.stop();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export default suite;
