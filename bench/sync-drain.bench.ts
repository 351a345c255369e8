// Issue 15: after an outage, a workstation drains 1,000 applications with 2,000 scans of ~500 KB
// to the real central API (its own process, PostgreSQL): time beside a plain HTTP upload of the
// same bytes (each read back from the same encrypted store, PUT one after another over one
// kept-alive connection to a bare Node HTTP server in its own process that writes each to disk
// and flushes it before answering, as the central API does with a scan; plain HTTP on loopback,
// as the sync server here). Target ≤ 1.5×. The same PUTs without the flush are shown for reference.
// The central API's process and its PostgreSQL run at the lowest CPU priority (remote-server.ts).
// The core's responsiveness meanwhile: a probe on the core's event loop — where the sync worker
// runs, and where the clerk's autosave and FAQ 8 look-ups are answered — scheduled every 25 ms
// runs assess() of a form and measures from when it was due to when it was done, idle (baseline)
// and while draining. The checklist on screen follows the renderer's own copy of the form, so key
// press → checklist itself is measured end to end in drain-ui.bench.ts.
// SYNC_BENCH_APPS=N for a smaller run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, getPriority, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { assess } from '../domain/rules/assess';
import { sampleContext, sampleFirstApplication } from '../domain/rules/sample-applications';
import { startServerProcess } from '../server/test-support/server-process-fixture';
import { submitComplete, type Submitted } from '../services/sync/test-support/complete-application';
import { openTestWorkstation } from '../services/sync/test-support/workstation';
import { DEFAULT_TIMING } from '../services/sync/sync-worker';
import { SCAN_THREAD_NICENESS } from '../services/sync/scan-thread';
import { cpuBetween, cpuSnapshot } from './cpu-split';
import { describeDiskIo, diskBetween, diskSnapshot } from './disk-io';
import { runAsRemote } from './remote-server';
import { summarise, type BenchSuite, type Stats } from './harness';

const APPS = Number(process.env.SYNC_BENCH_APPS ?? 1000);
const SCAN_BYTES = 500_000;
const CLOCK = '2026-11-23T02:00:00.000Z';
/** Production timing, except a shorter idle look at the outbox (the drain starts at once either way). */
const TIMING = { ...DEFAULT_TIMING, idleMs: 200 };

const BARE_SERVER = `
const fs = require('node:fs'); const path = require('node:path'); let n = 0;
require('node:http').createServer((req, res) => {
  const flush = req.url === '/flush';
  const out = fs.createWriteStream(path.join(process.argv[1], String(n++)), { flush });
  req.pipe(out); out.on('close', () => res.writeHead(204).end());
}).listen(0, '127.0.0.1', function () { console.log('LISTENING ' + this.address().port); });`;

function startBareServer(dir: string): Promise<{ port: number; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', BARE_SERVER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) =>
    child.stdout.on('data', (c: Buffer) => {
      const m = /LISTENING (\d+)/.exec(c.toString());
      if (m) resolve({ port: Number(m[1]), pid: child.pid ?? 0, stop: () => child.kill('SIGKILL') });
    }),
  );
}

const put = (port: number, agent: Agent, path: '/flush' | '/', body: Buffer) =>
  new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'PUT', path, headers: { 'content-length': body.length }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(body);
  });

/** Checklist latency on this event loop: probes due every 25 ms, each timed from when it was due. */
function probeChecklist(label: string) {
  const app = sampleFirstApplication();
  const ctx = sampleContext();
  const lat: number[] = [];
  let stopped = false;
  let due = performance.now() + 25;
  const tick = () => {
    if (stopped) return;
    const start = performance.now();
    assess(app, ctx);
    // From when it was due, or from when it ran if the timer fired early (Node rounds its delay).
    lat.push(performance.now() - Math.min(start, due));
    due += 25;
    setTimeout(tick, Math.max(0, due - performance.now()));
  };
  setTimeout(tick, 25);
  return {
    stop: (): Stats => {
      stopped = true;
      return summarise(label, lat);
    },
  };
}

const suite: BenchSuite = async (report) => {
  const server = await startServerProcess({ clockIso: CLOCK });
  // The central API's process and its PostgreSQL act as the remote machines they are in production (remote-server.ts).
  const ws = openTestWorkstation({ clock: () => new Date(CLOCK), timing: TIMING });
  const bareDir = mkdtempSync(join(tmpdir(), 'counterdesk-bench-bare-'));
  const bare = await startBareServer(bareDir);
  // The plain PUTs' server too, so both sides are measured alike.
  const remote = runAsRemote(() => [server.node.pid, bare.pid]);
  try {
    await ws.worker.enrol({ serverUrl: server.url, code: await server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
    // The outage: the clerk keeps taking applications in while the worker is not running.
    const submitted: Submitted[] = [];
    for (let n = 1; n <= APPS; n++) submitted.push(submitComplete(ws, { n, clerk: 'C1', scans: [SCAN_BYTES, SCAN_BYTES], workstation: 'W1' }));
    const scans = submitted.flatMap((s) => s.shas);
    const scanBytes = (sha: string) => {
      const id = ws.store.db
        .prepare<[string], { attachment_id: string }>('SELECT attachment_id FROM attachment_pages WHERE blob_sha256 = ? LIMIT 1')
        .get(sha)!.attachment_id;
      return ws.store.attachments.read(id, 0);
    };
    const totalBytes = scans.reduce((n, s) => n + scanBytes(s).length, 0);
    report.note(`${APPS} applications, ${scans.length} scans, ${(totalBytes / 1e6).toFixed(0)} MB; server: central API in its own process on PostgreSQL`);

    const idle = probeChecklist('assess() due every 25 ms on the core loop, idle');
    await new Promise((r) => setTimeout(r, 5_000));
    const idleStats = idle.stop();

    const plain = async (path: '/flush' | '/') => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const b0 = performance.now();
      for (const s of scans) await put(bare.port, agent, path, scanBytes(s));
      agent.destroy();
      return (performance.now() - b0) / 1000;
    };
    // The flushed PUTs wait on this machine's disk, whose flushes vary by ±15 % from one minute to
    // the next: they are timed before the drain and again after it, and the baseline is the mean.
    const disk0 = diskSnapshot();
    const plainCpu0 = cpuSnapshot();
    const plainBeforeS = await plain('/flush');
    const plainDisk = diskBetween(disk0, diskSnapshot());
    const plainCpu = cpuBetween(plainCpu0, cpuSnapshot(), (pid, tid) => {
      if (pid === process.pid) return tid === pid ? 'workstation core thread' : 'workstation other threads';
      if (pid === bare.pid) return tid === pid ? 'PUT server main thread' : 'PUT server other threads (file system, GC)';
      return 'the rest';
    });
    const plainUnflushedS = await plain('/');

    // Counted by the server node itself: a counting proxy in the path would add a process copying
    // every scan, and CPU and latency the plain PUTs do not pay.
    const before = await server.node.requests(); // less the enrolment's

    const busy = probeChecklist('assess() due every 25 ms on the core loop, while draining');
    const cpu0 = cpuSnapshot();
    const drainDisk0 = diskSnapshot();
    const s0 = performance.now();
    ws.worker.start();
    // Looked at every 50 ms through three indexed counts (status() is more work on the same loop;
    // looking twice a second, as the status bar does, put up to half a second on a 6 s drain).
    const drained = () => ws.worker.ops.pendingCount() === 0 && ws.store.outbox.pendingCount() === 0 && ws.worker.ops.unfrozenCount() === 0;
    while (!drained() || ws.worker.status().waiting !== 0) await new Promise((r) => setTimeout(r, 50));
    const drainS = (performance.now() - s0) / 1000;
    const drainDisk = diskBetween(drainDisk0, diskSnapshot());
    const cpu = cpuBetween(cpu0, cpuSnapshot(), (pid, tid, t) => {
      if (pid === process.pid && tid === pid) return 'workstation core thread';
      if (pid === process.pid) return t.nice === Math.min(19, getPriority() + SCAN_THREAD_NICENESS) ? 'scan thread' : 'workstation other threads';
      if (pid === server.node.pid) return tid === pid ? 'central API main thread' : 'central API other threads (file system, GC)';
      if (t.process === 'postgres') return 'PostgreSQL';
      return 'the rest';
    });
    const busyStats = busy.stop();
    const after = await server.node.requests();
    const plainAfterS = await plain('/flush');
    const plainS = (plainBeforeS + plainAfterS) / 2;
    const connections = after.connections - before.connections;
    const requests = Object.values(after.requests).reduce((n, k) => n + k, 0) - Object.values(before.requests).reduce((n, k) => n + k, 0);
    const refused = ws.worker.status().refused;
    const kinds = Object.entries(after.requests)
      .map(([k, n]) => [k, n - (before.requests[k] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');

    report.figure(
      `drain after an outage: ${APPS} applications, ${scans.length} scans of ~500 KB (target ≤ 1.5×)`,
      's',
      { label: 'plain HTTP PUT of the same bytes, one after another, kept-alive, each flushed to disk (mean of two)', value: plainS },
      { label: `sync drain (tus + signed pushes, real server)${refused ? `, ${refused} REFUSED` : ''}`, value: drainS },
    );
    report.note(`the plain PUTs took ${plainBeforeS.toFixed(1)} s before the drain and ${plainAfterS.toFixed(1)} s after it`);
    report.note(`disk: the plain PUTs (before the drain) ${describeDiskIo(plainDisk)}; the drain ${describeDiskIo(drainDisk)}`);
    report.note(`the same PUTs without the flush: ${plainUnflushedS.toFixed(1)} s (drain ${(drainS / plainUnflushedS).toFixed(2)}x that)`);
    report.note(
      `sync made ${requests} HTTP requests (${(requests / APPS).toFixed(1)} per application, long polls included) on ${connections} TCP connections (${kinds}); load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const cpuNote = (what: string, split: Map<string, number>, seconds: number) => {
      if (split.size === 0) return;
      const total = [...split.values()].reduce((n, ms) => n + ms, 0);
      report.note(
        `CPU during ${what}: ${[...split]
          .sort((x, y) => y[1] - x[1])
          .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
          .join(', ')}; ${(total / 1000).toFixed(1)} s in all = ${((total / 1000 / seconds / cpus().length) * 100).toFixed(0)} % of the ${cpus().length} cores`,
      );
    };
    cpuNote('the plain PUTs (before the drain)', plainCpu, plainBeforeS);
    cpuNote('the drain', cpu, drainS);
    report.compare("the core's event loop while the outbox drains (the checklist on screen: drain-ui.bench.ts)", idleStats, busyStats);
  } finally {
    remote.stop();
    bare.stop();
    await ws.close();
    await server.close();
    rmSync(bareDir, { recursive: true, force: true });
  }
};

export default suite;
