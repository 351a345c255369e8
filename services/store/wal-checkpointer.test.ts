import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createCheckpointer, HARD_LIMIT_PAGES, openDatabase, rekeyDatabase } from './database';
import { openTestStore, tempStoreDir } from './test-support';
import { randomBytes } from 'node:crypto';

const CHILD = join(import.meta.dirname, 'wal-crash-child.ts');

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Run the child until it says it is done writing, then SIGKILL it; returns the last row it acknowledged and the WAL's size then. */
function writeAndKill(dir: string, key: Buffer, rows: number): Promise<{ acked: number; walBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, key.toString('hex'), String(rows)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let acked = 0;
    let walBytes = 0;
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acked = Number(line.slice(4));
        if (line === 'done') {
          walBytes = fileSize(join(dir, 'counterdesk.db-wal'));
          child.kill('SIGKILL');
        }
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${stderr}`));
      else resolve({ acked, walBytes });
    });
  });
}

describe('WAL checkpoints off the core thread', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it("the worker moves committed pages into the database file while the core's connection never checkpoints on its own", async () => {
    t = tempStoreDir();
    const path = join(t.dir, 'w.db');
    const db = openDatabase(path, t.key);
    const cp = createCheckpointer(db, { thresholdBytes: 256 * 1024, pollMs: 20 });
    try {
      expect(cp.worker).toBeDefined();
      // The core's autocheckpoint is only the far-off hard limit; the rows below stay well under it.
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(HARD_LIMIT_PAGES);
      db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, body BLOB)');
      const before = fileSize(path);
      const insert = db.prepare('INSERT INTO t (n, body) VALUES (?, ?)');
      for (let n = 1; n <= 300; n++) insert.run(n, Buffer.alloc(4096, n % 251));
      expect(fileSize(`${path}-wal`)).toBeGreaterThan(1024 * 1024);
      // Nothing here checkpoints: the database file grows only when the worker copies the pages in.
      await vi.waitFor(() => expect(fileSize(path)).toBeGreaterThan(before + 1024 * 1024), { timeout: 10_000, interval: 20 });
      expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 300 });
    } finally {
      cp.stop();
      db.close();
    }
    // Reopened from the file alone (the final checkpoint emptied the WAL), every row is there.
    expect(fileSize(`${path}-wal`)).toBe(0);
    const again = openDatabase(path, t.key);
    expect(again.prepare('SELECT count(*) AS c, sum(length(body)) AS b FROM t').get()).toEqual({ c: 300, b: 300 * 4096 });
    again.close();
  });

  it('when the worker does not keep up, the core checkpoints by itself at the hard limit, so the WAL never grows without bound', () => {
    t = tempStoreDir();
    const path = join(t.dir, 'h.db');
    const db = openDatabase(path, t.key);
    // A worker that never reaches its threshold stands for one that is stuck or gone.
    const cp = createCheckpointer(db, { thresholdBytes: 2 ** 40, pollMs: 60_000 });
    try {
      db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, body BLOB)');
      const before = fileSize(path);
      const insert = db.prepare('INSERT INTO t (n, body) VALUES (?, ?)');
      const batch = db.transaction((from: number) => {
        for (let n = from; n < from + 500; n++) insert.run(n, Buffer.alloc(3000, n % 251));
      });
      for (let from = 1; from <= HARD_LIMIT_PAGES * 1.5; from += 500) batch(from);
      // Pages moved into the database file on the core's own connection, past the hard limit.
      expect(fileSize(path)).toBeGreaterThan(before + HARD_LIMIT_PAGES * 2048);
      expect(fileSize(`${path}-wal`)).toBeLessThan(HARD_LIMIT_PAGES * 4096 * 1.5);
    } finally {
      cp.stop();
      db.close();
    }
  });

  it('a key rotation waits out a checkpoint in progress and the worker keeps checkpointing with the new key', async () => {
    t = tempStoreDir();
    const path = join(t.dir, 'r.db');
    const db = openDatabase(path, t.key);
    const cp = createCheckpointer(db, { thresholdBytes: 1 << 30, pollMs: 1000 });
    const newKey = randomBytes(32);
    try {
      db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, body BLOB)');
      const pending = cp.worker!.checkpointNow();
      rekeyDatabase(db, newKey);
      await pending;
      db.prepare('INSERT INTO t (n, body) VALUES (1, ?)').run(Buffer.alloc(4096, 7));
      const r = await cp.worker!.checkpointNow();
      expect(r.error).toBeUndefined();
      expect(r.checkpointed).toBeGreaterThan(0);
    } finally {
      cp.stop();
      db.close();
    }
    const again = openDatabase(path, newKey);
    expect(again.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1 });
    again.close();
  });

  it('a store killed with a large WAL reopens with every row it acknowledged', async () => {
    t = tempStoreDir();
    // 3,000 rows of 8 KB: ~25 MB through the WAL, written faster than the worker polls.
    const { acked, walBytes } = await writeAndKill(t.dir, t.key, 3000);
    expect(acked).toBe(3000);
    expect(walBytes).toBeGreaterThan(4 * 1024 * 1024);
    const store = openTestStore(t.dir, t.key);
    try {
      const rows = store.db.prepare('SELECT n, body FROM wal_crash_rows ORDER BY n').all() as { n: number; body: Buffer }[];
      expect(rows.length).toBe(3000);
      for (const r of rows) expect(r.body.equals(Buffer.alloc(8192, r.n % 251))).toBe(true);
      expect(store.health({ recheck: true }).integrity).toBe('ok');
    } finally {
      store.close();
    }
  }, 60_000);
});
