import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres, { type Sql } from 'postgres';
import { addServicePoint, createUser, issueEnrolmentCode } from '../admin/administration';
import { createLocalBlobStore } from '../blobs/blob-store';
import { loadOrCreateServerKeys } from '../crypto/server-keys';
import { migrate } from '../db/migrate';
import { spawnNode, type NodeProcess } from './node-processes';
import { PASSWORD, USERS } from './server-fixture';
import { createTestDatabase, type TestDatabase } from './test-database';

// The central API as its own OS process (so a test can `kill -9` it mid-push) on a database of
// the test's own, with the service points and users of server-fixture.ts. Its clock is fixed at
// `clockIso`; `restart()` starts a new node on the same database, key file and blob directory.

export interface ServerProcess {
  url: string;
  sql: Sql;
  dataDir: string;
  node: NodeProcess;
  issueCode(servicePoint: string, code: string): Promise<string>;
  /** The plaintext of a stored scan (decrypted with the server's key), or undefined. */
  blob(sha: string): Promise<Buffer | undefined>;
  kill9(): Promise<void>;
  /** A new node (after kill9 or not); `url` changes. */
  restart(): Promise<void>;
  /** Whether the node process is still running. */
  alive(): boolean;
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

export async function startServerProcess(o: { clockIso: string; databaseUrl?: string }): Promise<ServerProcess> {
  const db: TestDatabase | undefined = o.databaseUrl ? undefined : await createTestDatabase();
  const url = o.databaseUrl ?? db!.url;
  const dataDir = mkdtempSync(join(tmpdir(), 'counterdesk-server-proc-'));
  const now = () => new Date(o.clockIso);
  const sql = postgres(url, { max: 2, onnotice: () => undefined });
  await migrate(sql, now);
  await addServicePoint(sql, now, 'SP01', 'Service point one');
  await addServicePoint(sql, now, 'SP02', 'Service point two');
  for (const u of USERS) await createUser(sql, now, { ...u, password: PASSWORD });
  let node = await spawnNode(url, dataDir, o.clockIso);
  const blobs = () => createLocalBlobStore(join(dataDir, 'blobs'), loadOrCreateServerKeys(join(dataDir, 'server-keys.json')).blobKey);
  const self: ServerProcess = {
    url: node.url,
    sql,
    dataDir,
    get node() {
      return node;
    },
    issueCode: async (sp, code) => (await issueEnrolmentCode(sql, now, sp, code)).code,
    async blob(sha) {
      const store = blobs();
      return (await store.has(sha)) ? store.get(sha) : undefined;
    },
    async kill9() {
      process.kill(node.pid, 'SIGKILL');
      const deadline = performance.now() + 10_000;
      while (alive(node.pid) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
    alive: () => alive(node.pid),
    async restart() {
      node = await spawnNode(url, dataDir, o.clockIso);
      self.url = node.url;
    },
    async close() {
      await node.stop().catch(() => undefined);
      await sql.end({ timeout: 5 });
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}
