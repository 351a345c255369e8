import { createInterface } from 'node:readline';
import { systemClock } from '../../core/clock';
import { submitComplete } from './complete-application';
import { openTestWorkstation } from './workstation';

// One workstation (store + sync worker) in its own OS process, so a test can `kill -9` it
// mid-transaction or mid-upload. Commands arrive as JSON lines on stdin; each answer is a JSON
// line on stdout, written only after the store has committed what it reports (so "saved" means
// what a clerk would have seen on screen).

const env = (k: string) => process.env[k] ?? '';
const skewMs = Number(env('WS_SKEW_MS') || 0);
const ws = openTestWorkstation({
  dir: env('WS_DIR'),
  key: Buffer.from(env('WS_KEY'), 'hex'),
  clock: () => new Date(systemClock().getTime() + skewMs),
  timing: JSON.parse(env('WS_TIMING') || '{}') as object,
  numberBase: Number(env('WS_NUMBER_BASE') || 0),
});
ws.worker.start();
// WS_COMPLETE=1: complete applications (two scans each) that the real central server accepts, numbered from WS_NUMBER_BASE.
const complete = env('WS_COMPLETE') === '1';
let n = Number(env('WS_NUMBER_BASE') || 0);
const submit = (scans: number[]) =>
  complete ? submitComplete(ws, { n: ++n, clerk: 'C1', scans: [scans[0] ?? 0, scans[1] ?? 0], workstation: 'W1' }) : ws.submit({ clerk: 'C1', scans });
const uploads = ws.store.db.prepare<[], { sha256: string; offset: number }>("SELECT sha256, offset FROM sync_uploads WHERE state = 'pending'");

const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

type Command = { cmd: 'submit'; scans: number[] } | { cmd: 'loop'; scans: number[] } | { cmd: 'status' };

let looping = false;
const loop = (scans: number[]) => {
  if (!looping) return;
  out({ saved: submit(scans) });
  setImmediate(() => loop(scans));
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line) as Command;
  if (c.cmd === 'submit') out({ saved: submit(c.scans) });
  else if (c.cmd === 'loop') {
    looping = true;
    loop(c.scans);
  } else if (c.cmd === 'status') {
    const st = ws.worker.status();
    // Upload offsets as persisted (what a restart resumes from).
    const offsets = Object.fromEntries(uploads.all().map((u) => [u.sha256, u.offset]));
    out({ status: { waiting: st.waiting, outbox: ws.store.outbox.pendingCount(), parked: st.refused, lastError: st.lastError?.code ?? null, offsets } });
  }
});
out({ ready: process.pid });
