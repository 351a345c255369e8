import { createInterface } from 'node:readline';
import { systemClock } from '../../core/clock';
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

const out = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

type Command = { cmd: 'submit'; scans: number[] } | { cmd: 'loop'; scans: number[] } | { cmd: 'status' };

let looping = false;
const loop = (scans: number[]) => {
  if (!looping) return;
  out({ saved: ws.submit({ clerk: 'C1', scans }) });
  setImmediate(() => loop(scans));
};

createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line) as Command;
  if (c.cmd === 'submit') out({ saved: ws.submit({ clerk: 'C1', scans: c.scans }) });
  else if (c.cmd === 'loop') {
    looping = true;
    loop(c.scans);
  } else if (c.cmd === 'status') {
    const st = ws.worker.status();
    out({ status: { waiting: st.waiting, outbox: ws.store.outbox.pendingCount(), parked: st.refused, lastError: st.lastError?.code ?? null } });
  }
});
out({ ready: process.pid });
