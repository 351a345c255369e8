import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres';

// A PostgreSQL of a test's own (never the shared one) that the test may `kill -9`: the
// postmaster and every backend die at once, as on a crash; `restart()` starts it again on the
// same data directory and port, so it recovers from its WAL like a production server would.
// Durable settings (fsync on): a commit the server acknowledged must survive the crash.

export interface KillablePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  kill9(): void;
  restart(): Promise<void>;
  close(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function startKillablePostgres(): Promise<KillablePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-killable-pg-'));
  chmodSync(dir, 0o755); // the postgres user (we may be root) must get through
  const dataDir = join(dir, 'data');
  const port = await freePort();
  let pg: EmbeddedPostgres | undefined = await startEmbeddedPostgres({ dataDir, port });
  return {
    url: pg.url,
    kill9() {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      let children: number[] = [];
      try {
        children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
          .split('\n')
          .filter(Boolean)
          .map(Number);
      } catch {
        /* no backends */
      }
      for (const p of [pid, ...children]) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      const deadline = performance.now() + 10_000;
      while ([pid, ...children].some(alive) && performance.now() < deadline) execFileSync('sleep', ['0.05']);
      pg = undefined;
    },
    async restart() {
      pg = await startEmbeddedPostgres({ dataDir, port });
    },
    async close() {
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
