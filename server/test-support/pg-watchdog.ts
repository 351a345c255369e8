import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded-postgres';

// Started detached by test-database.ts: runs one embedded PostgreSQL for one test run and
// stops it (and removes its files) once the vitest process that owns the run is gone.
const [ownerPid, dir] = process.argv.slice(2);
if (!ownerPid || !dir) process.exit(2);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true });
writeFileSync(join(dir, 'url.tmp'), pg.url);
// Rename: readers never see a half-written URL.
(await import('node:fs')).renameSync(join(dir, 'url.tmp'), join(dir, 'url'));
const timer = setInterval(() => {
  if (alive(Number(ownerPid))) return;
  clearInterval(timer);
  void pg.stop().finally(() => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}, 500);
