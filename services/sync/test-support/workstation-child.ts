import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SyncTiming } from '../sync-worker';

// The parent's side of workstation-process.ts: start it, send commands, collect what it
// reported saved, and kill it with SIGKILL (no chance to finish a transaction or an upload).

const SCRIPT = fileURLToPath(new URL('./workstation-process.ts', import.meta.url));

export interface Saved {
  id: string;
  number: string;
  shas: string[];
}

export interface ChildStatus {
  waiting: number;
  outbox: number;
  parked: number;
  lastError: string | null;
  /** Persisted offsets of uploads under way, by scan hash. */
  offsets: Record<string, number>;
}

export interface WorkstationChild {
  pid: number;
  /** Every submission the process reported committed, in order. */
  saved: Saved[];
  submit(scans: number[]): Promise<Saved>;
  /** Submit again and again as fast as the store allows, until killed. */
  loop(scans: number[]): void;
  status(): Promise<ChildStatus>;
  kill9(): Promise<void>;
  /** Ask it to stop and wait (SIGTERM). */
  stop(): Promise<void>;
  /** The end of what it wrote to stderr (for a failure message). */
  stderr(): string;
}

export function spawnWorkstation(o: {
  dir: string;
  key: Buffer;
  skewMs?: number;
  timing?: Partial<SyncTiming>;
  numberBase?: number;
  /** Submit complete applications (two scans each), as the real central server requires. */
  complete?: boolean;
}): Promise<WorkstationChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: {
      ...process.env,
      WS_DIR: o.dir,
      WS_KEY: o.key.toString('hex'),
      WS_SKEW_MS: String(o.skewMs ?? 0),
      WS_TIMING: JSON.stringify(o.timing ?? {}),
      WS_NUMBER_BASE: String(o.numberBase ?? 0),
      WS_COMPLETE: o.complete ? '1' : '0',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  child.stdin?.on('error', () => undefined);
  const saved: Saved[] = [];
  const waiters: { key: 'saved' | 'status'; resolve: (v: never) => void }[] = [];
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`workstation process exited (${code ?? signal}) before it was ready: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: { ready?: number; saved?: Saved; status?: ChildStatus };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return; // a line cut off by SIGKILL
      }
      if (msg.saved) saved.push(msg.saved);
      const key = msg.saved ? 'saved' : msg.status ? 'status' : undefined;
      const i = waiters.findIndex((w) => w.key === key);
      if (key && i >= 0) waiters.splice(i, 1)[0]!.resolve((msg.saved ?? msg.status) as never);
      if (msg.ready) {
        const send = (v: unknown) => child.stdin?.write(`${JSON.stringify(v)}\n`);
        const ask = <T>(key: 'saved' | 'status', v: unknown) =>
          new Promise<T>((res, rej) => {
            waiters.push({ key, resolve: res as (v: never) => void });
            send(v);
            void exited.then(() => rej(new Error(`workstation process exited: ${stderr}`)));
          });
        resolve({
          pid: child.pid!,
          saved,
          submit: (scans) => ask<Saved>('saved', { cmd: 'submit', scans }),
          loop: (scans) => send({ cmd: 'loop', scans }),
          status: () => ask<ChildStatus>('status', { cmd: 'status' }),
          async kill9() {
            child.kill('SIGKILL');
            await exited;
          },
          stderr: () => stderr,
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
  });
}
