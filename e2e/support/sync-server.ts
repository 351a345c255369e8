import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { addServicePoint, createUser, issueEnrolmentCode } from '../../server/admin/administration';
import { requireSessionsOnFirstEnrolment } from '../../server/admin/published-settings';
import { startServerNode, type ServerNode } from '../../server/node';
import { systemClock } from '../../server/system-clock';
import { createTestDatabase } from '../../server/test-support/test-database';
import { loadOrCreateWorkstationConfig } from '../../services/core/workstation-config';
import { openStore } from '../../services/store';
import { loadOrCreateKeyFile } from '../../services/store/keys';
import { enrol } from '../../services/sync/enrolment';
import { keyFileSigningStore } from '../../services/sync/identity';
import { createOpLog } from '../../services/sync/op-log';
import type { TestUser } from './users';

// The central API server for E2E tests: the real server/ on PostgreSQL (Debian's when
// COUNTERDESK_TEST_DATABASE_URL is set, else the embedded one), on the machine's clock like the
// harness workstations it serves. It can be stopped and started again on the same address,
// so a workstation enrolled with it sees an outage and the server coming back.

export interface CentralServer {
  url: string;
  /** Server down, as a cut cable or a restart would leave it (the data stays). */
  stop(): Promise<void>;
  /** Back on the same address. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** A one-time enrolment code for (service point, workstation), as `server:admin -- workstation enrol` prints it. */
  enrolmentCode(servicePoint: string, workstation: string): Promise<string>;
  /** The server's database while it is up, for a test to read what the server recorded. */
  sql(): Sql;
}

export async function startCentralServer(o: {
  servicePoint: string;
  users: TestUser[];
  /**
   * A new deployment: enrolment codes are issued as `server:admin -- workstation enrol` does, so the
   * first one turns `sync.sessionRequired` on (docs/sync-protocol.md §4.1). Without it the server
   * accepts ops on the workstation's signature alone, as an older deployment does.
   */
  newDeployment?: boolean;
}): Promise<CentralServer> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'counterdesk-e2e-server-'));
  let node: ServerNode | null = await startServerNode({ databaseUrl: db.url, dataDir, now: systemClock, poolSize: 5 });
  const url = node.url;
  const port = Number(new URL(url).port);
  await addServicePoint(node.sql, systemClock, o.servicePoint, 'E2E service point');
  for (const u of o.users) {
    await createUser(node.sql, systemClock, {
      staffNumber: u.staffNumber,
      displayName: u.displayName,
      roles: u.roles.filter((r): r is 'clerk' | 'supervisor' => r === 'clerk' || r === 'supervisor'),
      servicePoints: [o.servicePoint],
      password: u.password,
    });
  }
  const server: CentralServer = {
    url,
    async stop() {
      await node?.close();
      node = null;
    },
    async start() {
      if (!node) node = await startServerNode({ databaseUrl: db.url, dataDir, now: systemClock, poolSize: 5, port });
    },
    async close() {
      await server.stop();
      await db.drop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
    async enrolmentCode(servicePoint: string, workstation: string): Promise<string> {
      if (!node) throw new Error('server is down');
      const { code } = await issueEnrolmentCode(node.sql, systemClock, servicePoint, workstation);
      if (o.newDeployment) await requireSessionsOnFirstEnrolment(node.sql, systemClock);
      return code;
    },
    sql() {
      if (!node) throw new Error('server is down');
      return node.sql;
    },
  };
  return server;
}

/**
 * Enrols a workstation's data folder with the server before the app starts, through the same
 * code the workstation runs (services/sync/enrolment.ts): its key pair, the pinned server key.
 * The folder must already be configured (pending-applications.ts configureWorkstation).
 */
export async function enrolWorkstation(dataDir: string, serverUrl: string, code: string): Promise<void> {
  const config = loadOrCreateWorkstationConfig(dataDir);
  const key = loadOrCreateKeyFile(join(dataDir, 'store.key'));
  const store = openStore({ dir: dataDir, key, workstationId: config.workstationId, clock: systemClock });
  try {
    const ops = createOpLog(store, systemClock);
    await enrol(
      { serverUrl, code, servicePoint: config.servicePoint.code, workstation: config.workstationId },
      { keys: keyFileSigningStore(join(dataDir, 'sync-signing.key')), ops, clock: systemClock },
    );
  } finally {
    store.close();
  }
}
