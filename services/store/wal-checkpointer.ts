import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// A WAL checkpoint copies pages back into the database file and fsyncs it: 30-130 ms while a
// sync drain writes, and run by SQLite's autocheckpoint on the connection that committed — the
// core's, beside the handlers that answer the clerk's checklist (issue 15). So one worker thread
// with its own connection to the same encrypted file does it: it looks at the size of the -wal
// file and runs a PASSIVE checkpoint once it is past a threshold. PASSIVE never waits for nor
// blocks a reader or writer, and a checkpoint only copies committed frames, so nothing the core
// saved is lost or delayed; the core's own autocheckpoint stays as the backstop at a hard limit
// (a dead worker, or one that cannot keep up, cannot let the WAL grow without bound).
//
// The worker opens its connection for each checkpoint and closes it after: a key rotation
// (rekeyDatabase) switches the journal out of WAL, which needs no other connection open, and
// takes `lock` meanwhile so the worker does not open one then.
//
// The worker runs this source text (no imports of ours), like services/sync/scan-reader.ts, so it
// needs no bundle entry; the native module's path comes from the core, which resolves it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.modulePath);
const { path, thresholdBytes, pollMs, lock } = workerData;
let keyHex = workerData.keyHex;
const lockArr = new Int32Array(lock);
function walSeen() {
  try { const s = statSync(path + '-wal'); return { size: s.size, sig: s.size + ':' + s.mtimeMs }; } catch { return { size: 0, sig: '' }; }
}
// The -wal file keeps its size after SQLite starts it over, so "unchanged since a checkpoint that
// copied every frame" is what says there is nothing to do.
let doneAt = '';
function checkpoint() {
  if (Atomics.compareExchange(lockArr, 0, 0, 1) !== 0) return { skipped: 'locked' };
  let db;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma('key="x\\'' + keyHex + '\\'"');
    db.pragma('busy_timeout = 0');
    db.pragma('synchronous = FULL');
    // Never checkpoint on close from here: the core's connection owns the end of the file's life.
    db.pragma('wal_autocheckpoint = 0');
    const r = db.pragma('wal_checkpoint(PASSIVE)')[0];
    return { busy: r.busy, log: r.log, checkpointed: r.checkpointed };
  } catch (e) {
    return { error: String(e && e.message || e) };
  } finally {
    try { if (db) db.close(); } catch {}
    Atomics.store(lockArr, 0, 0);
    Atomics.notify(lockArr, 0);
  }
}
parentPort.on('message', (m) => {
  if (m.keyHex) keyHex = m.keyHex;
  if (m.id !== undefined) parentPort.postMessage({ id: m.id, result: checkpoint() });
});
setInterval(() => {
  const before = walSeen();
  if (before.size < thresholdBytes || before.sig === doneAt) return;
  const result = checkpoint();
  if (result.log !== undefined && result.log === result.checkpointed) doneAt = walSeen().sig;
  parentPort.postMessage({ result });
}, pollMs);
`;

export interface CheckpointResult {
  busy?: number;
  /** Frames in the WAL, and how many of them are now in the database file. */
  log?: number;
  checkpointed?: number;
  skipped?: 'locked';
  error?: string;
}

export interface WalCheckpointerOptions {
  path: string;
  key: Buffer;
  /** The worker checkpoints once the -wal file is this large (bytes). */
  thresholdBytes?: number;
  pollMs?: number;
  /** Told when the worker stopped for good (the core's autocheckpoint backstop then does the work). */
  onGone?: () => void;
  /** Told after each checkpoint the worker ran on its own. */
  onCheckpoint?: (r: CheckpointResult) => void;
}

export interface WalCheckpointer {
  /** False when no worker could start (the caller checkpoints on its own thread). */
  readonly running: boolean;
  /** A checkpoint by the worker now (tests, and callers that know a burst just ended). */
  checkpointNow(): Promise<CheckpointResult>;
  /** The database key changed (rotation): later connections of the worker use this one. */
  setKey(key: Buffer): void;
  /** Runs `fn` while the worker holds no connection to the database (blocks this thread for at most one checkpoint). */
  exclusive<T>(fn: () => T): T;
  stop(): Promise<void>;
}

export const DEFAULT_THRESHOLD_BYTES = 4 * 1024 * 1024;

export function startWalCheckpointer(opts: WalCheckpointerOptions): WalCheckpointer {
  const lock = new SharedArrayBuffer(4);
  const lockArr = new Int32Array(lock);
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, (r: CheckpointResult) => void>();
  try {
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        modulePath,
        path: opts.path,
        keyHex: opts.key.toString('hex'),
        thresholdBytes: opts.thresholdBytes ?? DEFAULT_THRESHOLD_BYTES,
        pollMs: opts.pollMs ?? 250,
        lock,
      },
    });
  } catch {
    worker = null;
  }
  let stopped = false;
  if (worker) {
    worker.unref();
    worker.on('message', (m: { id?: number; result: CheckpointResult }) => {
      if (m.id === undefined) return opts.onCheckpoint?.(m.result);
      waiting.get(m.id)?.(m.result);
      waiting.delete(m.id);
    });
    const gone = () => {
      if (!worker) return;
      worker = null;
      for (const w of waiting.values()) w({ error: 'checkpointer stopped' });
      waiting.clear();
      // A worker that held the lock when it died must not keep a key rotation waiting.
      Atomics.store(lockArr, 0, 0);
      if (!stopped) opts.onGone?.();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
  }

  return {
    get running() {
      return worker !== null;
    },
    checkpointNow() {
      const w = worker;
      if (!w) return Promise.resolve({ error: 'checkpointer not running' });
      const id = ++nextId;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        w.postMessage({ id });
      });
    },
    setKey(key) {
      worker?.postMessage({ keyHex: key.toString('hex') });
    },
    exclusive(fn) {
      // The worker holds the lock only for one checkpoint; wait that out, then keep it away.
      const until = performance.now() + 30_000;
      while (Atomics.compareExchange(lockArr, 0, 0, 2) !== 0) {
        if (performance.now() > until) break; // a stuck worker: go ahead, the caller's own errors still show
        Atomics.wait(lockArr, 0, 1, 50);
      }
      try {
        return fn();
      } finally {
        Atomics.store(lockArr, 0, 0);
      }
    },
    async stop() {
      stopped = true;
      const w = worker;
      worker = null;
      for (const r of waiting.values()) r({ error: 'checkpointer stopped' });
      waiting.clear();
      await w?.terminate();
    },
  };
}
