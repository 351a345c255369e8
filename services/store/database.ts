import Database from 'better-sqlite3-multiple-ciphers';
import { openSync, readSync, closeSync, existsSync, chmodSync } from 'node:fs';
import { StoreError, toStoreError } from './errors';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';

export type Db = Database.Database;

export const KEY_BYTES = 32;

function assertKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new StoreError('wrong_key', `database key must be ${KEY_BYTES} bytes, got ${Buffer.isBuffer(key) ? key.length : typeof key}`);
  }
}

/**
 * SQLCipher-compatible (v4 defaults) so that an administrator can open the file with
 * standard tools given the key. The cipher must be chosen before the key is applied: the
 * key pragma is what reads page 1.
 */
function applyKey(db: Db, key: Buffer): void {
  keys.set(db, key);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma(`legacy=4`);
  // Raw-key form: the key is already random 256 bits, so no password KDF (fast opens).
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

// What a checkpoint worker needs to open its own connection to a database opened here.
const keys = new WeakMap<Db, Buffer>();
const workers = new WeakMap<Db, WalCheckpointer>();

/** True when the file on disk does not start with the plain SQLite header. */
export function fileLooksEncrypted(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n < 16) return false;
    return buf.toString('latin1') !== 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

export interface OpenDatabaseOptions {
  /** Test hook: cap the file size (pages) to provoke SQLITE_FULL. */
  maxPageCount?: number;
}

/**
 * Open (or create) the encrypted database: WAL + synchronous=FULL so a save acknowledged to
 * the clerk survives a power cut; foreign keys on. A wrong key gives `wrong_key` before any
 * page is written.
 */
export function openDatabase(path: string, key: Buffer, opts: OpenDatabaseOptions = {}): Db {
  assertKey(key);
  let db: Db;
  try {
    db = new Database(path);
  } catch (e) {
    throw toStoreError(e, `open ${path}`);
  }
  try {
    applyKey(db, key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') throw new StoreError('wrong_key', `database ${path} does not open with this key`, undefined, { cause: e });
      throw e;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Sorts, temp tables and indices stay in memory: SQLite's temp files are not encrypted, and a
    // large sort wrote 30 MB of personal data in clear to /tmp (issue 12, item 10).
    db.pragma('temp_store = MEMORY');
    // Checkpoints run off the core's thread (see createCheckpointer); this is only the backstop
    // for code that never yields to the event loop (seeding, CLI).
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    db.pragma('journal_size_limit = 67108864');
    // Encrypted anyway, but nobody else on the machine needs to read it.
    for (const f of [path, `${path}-wal`, `${path}-shm`]) {
      try {
        if (existsSync(f)) chmodSync(f, 0o600);
      } catch {
        /* not ours to change (e.g. a read-only mount): encryption still protects it */
      }
    }
    if (opts.maxPageCount !== undefined) db.pragma(`max_page_count = ${Math.floor(opts.maxPageCount)}`);
    return db;
  } catch (e) {
    db.close();
    throw toStoreError(e, `open ${path}`);
  }
}

/** `PRAGMA integrity_check`: 'ok' or the first problems reported. */
export function integrityCheck(db: Db): 'ok' | string {
  let rows: { integrity_check: string }[];
  try {
    rows = db.pragma('integrity_check') as { integrity_check: string }[];
  } catch (e) {
    // A page that fails decryption (HMAC) makes the check itself throw.
    return e instanceof Error ? e.message : String(e);
  }
  const msgs = rows.map((r) => r.integrity_check);
  return msgs.length === 1 && msgs[0] === 'ok' ? 'ok' : msgs.slice(0, 5).join('; ');
}

/** Re-encrypt every page with a new key (PRAGMA rekey). WAL is checkpointed first. */
export function rekeyDatabase(db: Db, newKey: Buffer): void {
  assertKey(newKey);
  const worker = workers.get(db);
  const rekey = () => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    // rekey is not supported in WAL mode by SQLite3MultipleCiphers: switch out and back (which
    // needs no other connection open, so the checkpoint worker is held off meanwhile).
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
    db.pragma('journal_mode = WAL');
    keys.set(db, newKey);
    worker?.setKey(newKey);
  };
  if (worker) worker.exclusive(rekey);
  else rekey();
}

/** The core's own autocheckpoint (pages) — a backstop: normally the worker keeps the WAL far below. */
export const BACKSTOP_PAGES = 8000;
/** With the checkpoint worker running: the hard limit (pages, ~64 MB) past which the core checkpoints itself. */
export const HARD_LIMIT_PAGES = 16384;

/**
 * A WAL checkpoint copies pages back into the database and fsyncs it: run inside a save it
 * turned a 1 ms save into a 6-25 ms one (bench/store.bench.ts), and during a sync drain SQLite's
 * autocheckpoint took up to 129 ms of the core's thread, beside the clerk's checklist (issue 15).
 * So a worker thread with its own connection checkpoints once the WAL passes a few MB
 * (wal-checkpointer.ts); the core's autocheckpoint is raised to a hard limit it only reaches
 * if the worker cannot keep up, and goes back to the usual backstop if the worker dies. Where
 * no worker starts, a PASSIVE checkpoint runs here shortly after a burst of writes, once the
 * clerk's save has returned. `stop` ends with a TRUNCATE checkpoint here (shutdown).
 */
export function createCheckpointer(db: Db, opts: { everyChanges?: number; delayMs?: number; thresholdBytes?: number; pollMs?: number } = {}) {
  const key = keys.get(db);
  const worker = key
    ? startWalCheckpointer({
        path: db.name,
        key,
        ...(opts.thresholdBytes !== undefined ? { thresholdBytes: opts.thresholdBytes } : {}),
        ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
        onGone: () => {
          if (db.open) db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
        },
      })
    : undefined;
  if (worker?.running) {
    workers.set(db, worker);
    db.pragma(`wal_autocheckpoint = ${HARD_LIMIT_PAGES}`);
  }
  const every = opts.everyChanges ?? 400;
  const delay = opts.delayMs ?? 200;
  const changesStmt = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  let lastAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    timer = undefined;
    if (!db.open || db.inTransaction) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      /* a busy or failed checkpoint is retried after the next burst */
    }
  };
  return {
    /** The worker, while it runs (tests). */
    worker: worker?.running ? worker : undefined,
    afterWrite(): void {
      if (worker?.running) return; // the worker watches the WAL itself, whoever wrote to it
      if (timer || db.inTransaction || !db.open) return;
      const n = changesStmt.get()?.n ?? 0;
      if (n - lastAt < every) return;
      lastAt = n;
      timer = setTimeout(run, delay);
      timer.unref();
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (worker) {
        workers.delete(db);
        const finalCheckpoint = () => {
          if (!db.open || db.inTransaction) return;
          try {
            db.pragma('wal_checkpoint(TRUNCATE)');
          } catch {
            /* closing the last connection checkpoints too */
          }
        };
        if (worker.running) worker.exclusive(finalCheckpoint);
        else finalCheckpoint();
        void worker.stop();
      }
    },
  };
}
