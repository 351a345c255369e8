import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

/** Where `npm run server` keeps its embedded database, blobs and keys. */
export const serverDataDir = (): string => resolve(process.env['COUNTERDESK_SERVER_DIR'] ?? '.counterdesk-data/server');

/**
 * The database to use: DATABASE_URL, else the embedded one in the data directory — the running
 * server's (found through postmaster.pid) or, when none runs, one started for this process.
 */
export async function connectDatabase(log: (s: string) => void): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  const fromEnv = process.env['DATABASE_URL'];
  if (fromEnv) return { url: fromEnv };
  const pgDir = join(serverDataDir(), 'postgres');
  const pidFile = join(pgDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    let running = false;
    try {
      process.kill(pid, 0);
      running = true;
    } catch {
      running = false;
    }
    if (running && port > 0) return { url: `postgres://postgres@127.0.0.1:${port}/postgres` };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: pgDir, log });
  return { url: embedded.url, embedded };
}
