import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Application } from '../../domain/model/application';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { addServicePoint, createUser, issueEnrolmentCode } from '../admin/administration';
import { createLocalBlobStore } from '../blobs/blob-store';
import { loadOrCreateServerKeys } from '../crypto/server-keys';
import type { TlsMaterial } from '../http/tls-config';
import { startServerNode, type ServerNode } from '../node';
import { createTestDatabase, type TestDatabase } from './test-database';
import { TestWorkstation } from './workstation-client';

/** A settable clock: every server node of a test reads it. */
export function testClock(startIso = '2026-11-23T02:00:00.000Z') {
  let ms = Date.parse(startIso);
  return { now: () => new Date(ms), seconds: () => ms / 1000, advance: (s: number) => (ms += s * 1000), set: (iso: string) => (ms = Date.parse(iso)) };
}

export interface TestServer {
  db: TestDatabase;
  node: ServerNode;
  dataDir: string;
  clock: ReturnType<typeof testClock>;
  /** A second node on the same database, key file and blob directory. */
  addNode(): Promise<ServerNode>;
  workstation(servicePoint: string, code: string, node?: ServerNode): Promise<TestWorkstation>;
  /** Put bytes in the blob store as a finished upload would. */
  storeBlob(bytes: Buffer): Promise<string>;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';
// Cheap verifiers for tests (the argon2id parameters are the production ones otherwise).
export const USERS = [
  { staffNumber: 'C1', displayName: 'Clerk One', roles: ['clerk' as const], servicePoints: ['SP01'] },
  { staffNumber: 'C2', displayName: 'Clerk Two', roles: ['clerk' as const], servicePoints: ['SP01'] },
  { staffNumber: 'S1', displayName: 'Supervisor One', roles: ['supervisor' as const], servicePoints: ['SP01'] },
  { staffNumber: 'S2', displayName: 'Supervisor Two', roles: ['supervisor' as const], servicePoints: ['SP02'] },
  { staffNumber: 'S3', displayName: 'Supervisor Three', roles: ['clerk' as const, 'supervisor' as const], servicePoints: ['SP01'] },
];

export async function startTestServer(o: { users?: boolean; tls?: TlsMaterial } = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'counterdesk-server-test-'));
  const clock = testClock();
  const nodes: ServerNode[] = [];
  const addNode = async () => {
    const n = await startServerNode({ databaseUrl: db.url, dataDir, now: clock.now, poolSize: 10, ...(o.tls ? { tls: o.tls } : {}) });
    nodes.push(n);
    return n;
  };
  const node = await addNode();
  await addServicePoint(node.sql, clock.now, 'SP01', 'Service point one');
  await addServicePoint(node.sql, clock.now, 'SP02', 'Service point two');
  if (o.users !== false) for (const u of USERS) await createUser(node.sql, clock.now, { ...u, password: PASSWORD });
  const keys = loadOrCreateServerKeys(join(dataDir, 'server-keys.json'));
  const store = createLocalBlobStore(join(dataDir, 'blobs'), keys.blobKey);
  return {
    db,
    node,
    dataDir,
    clock,
    addNode,
    async workstation(sp, code, on = node) {
      const { code: enrolment } = await issueEnrolmentCode(node.sql, clock.now, sp, code);
      const ws = new TestWorkstation(on.url, sp, code, clock.seconds);
      await ws.enrol(enrolment);
      return ws;
    },
    async storeBlob(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      await store.put(sha, bytes);
      await node.sql`INSERT INTO blobs (sha256, size, stored_at) VALUES (${sha}, ${bytes.length}, ${clock.now()}) ON CONFLICT DO NOTHING`;
      return sha;
    },
    async close() {
      for (const n of nodes.reverse()) await n.close().catch(() => undefined);
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A complete first application for a distinct entity `n`, whose scans are real blobs
 * (`scanBytes(i)` hashed): the sample's placeholder addresses are replaced.
 */
export function firstApplication(n: number, scans: ReadonlyMap<string, string>): Application {
  const app = sampleFirstApplication();
  app.entity.taxpayerNumber = String(81_000_000 + n);
  app.entity.commercialRegistrationNumber = `${10_000 + n} SO`;
  app.entity.names = { zh: `澳門測試貿易${n}號有限公司`, pt: `Teste Comércio ${n}, Limitada` };
  for (const d of Object.values(app.documents)) d.attachments = d.attachments.map((a) => scans.get(a) ?? a);
  return app;
}

/** Store one real blob for each placeholder scan of the sample; returns placeholder → real address. */
export async function sampleScans(server: TestServer): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const d of Object.values(sampleFirstApplication().documents)) {
    for (const a of d.attachments) if (!out.has(a)) out.set(a, await server.storeBlob(Buffer.from(`scan ${a}`)));
  }
  return out;
}

export function applicationNumber(ws: TestWorkstation, n: number): string {
  return `${ws.id}-20261123-${String(n).padStart(4, '0')}-K`;
}

export const newRecordId = () => randomUUID();
