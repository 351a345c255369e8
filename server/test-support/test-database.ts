import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import postgres from 'postgres';

// The one way server tests get PostgreSQL. One server per test run (COUNTERDESK_TEST_DATABASE_URL
// or DATABASE_URL when set — CI points it at Debian's PostgreSQL — else one embedded
// PostgreSQL 18 shared by every test file of the run), and a fresh database per test file.

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const WATCHDOG = fileURLToPath(new URL('./pg-watchdog.ts', import.meta.url));

/** The vitest process that owns this run: workers are its child processes (forks) or threads. */
const ownerPid = () => (isMainThread ? process.ppid : process.pid);

async function sleep(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

async function embeddedClusterUrl(): Promise<string> {
  const dir = join(tmpdir(), `counterdesk-test-pg-${ownerPid()}`);
  const urlFile = join(dir, 'url');
  try {
    mkdirSync(dir); // atomic: the first test file of the run starts the cluster
    const log = openSync(join(dir, 'watchdog.log'), 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', WATCHDOG, String(ownerPid()), dir], { detached: true, stdio: ['ignore', log, log] });
    child.unref();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  for (let i = 0; i < 600; i++) {
    if (existsSync(urlFile)) return readFileSync(urlFile, 'utf8').trim();
    await sleep(100);
  }
  const log = existsSync(join(dir, 'watchdog.log')) ? readFileSync(join(dir, 'watchdog.log'), 'utf8').slice(-2000) : '';
  throw new Error(`embedded PostgreSQL for tests did not start within 60 s: ${log}`);
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['COUNTERDESK_TEST_DATABASE_URL'] || process.env['DATABASE_URL'] || (await embeddedClusterUrl());
  const name = `cdtest_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const a = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await a.end();
    },
  };
}
