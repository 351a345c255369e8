import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import type { FastifyInstance } from 'fastify';
import { sweepAbandonedUploads } from './blobs/abandoned-uploads';
import { createLocalBlobStore } from './blobs/blob-store';
import { loadOrCreateServerKeys } from './crypto/server-keys';
import { isDatabaseUnavailable } from './db/availability';
import { migrate } from './db/migrate';
import { openNodeDatabase } from './db/pools';
import type { Clock } from './db/types';
import { buildApp } from './http/app';
import type { TlsMaterial } from './http/tls-config';
import { feedNumberer } from './sync/feed';
import { createFeedNotifier } from './sync/feed-notifier';
import { IDEMPOTENCY_KEY_DAYS } from './sync/idempotency';

export interface NodeOptions {
  databaseUrl: string;
  /** Shared by every node of a deployment: key file and blob directory. */
  dataDir: string;
  keyFile?: string;
  now: Clock;
  host?: string;
  port?: number;
  poolSize?: number;
  logger?: boolean;
  /** HTTPS (server/http/tls-config.ts); plain HTTP when absent. */
  tls?: TlsMaterial | null;
}

export interface ServerNode {
  app: FastifyInstance;
  sql: Sql;
  url: string;
  close(): Promise<void>;
}

const SESSION_RECORD_DAYS = 180;
const FEED_NUMBERING_PASS_MS = 2_000;
const UPLOAD_SWEEP_MS = 3_600_000;

/** Housekeeping any node may do: expired nonces, sessions and idempotency keys. */
async function sweep(sql: Sql, now: Date): Promise<void> {
  await sql`DELETE FROM request_nonces WHERE expires_at < ${now}`;
  // Sessions are records of who was signed in (ops name them): kept 180 days after they end.
  await sql`DELETE FROM sessions WHERE expires_at < ${new Date(now.getTime() - SESSION_RECORD_DAYS * 86_400_000)}`;
  await sql`DELETE FROM idempotency_keys WHERE created_at < ${new Date(now.getTime() - IDEMPOTENCY_KEY_DAYS * 86_400_000)}`;
}

const DATABASE_RETRY_MS = 2_000;

/**
 * Migrates now; if the database is away, starts anyway (answering 503 until it is back, so a
 * supervisor that restarted this node during an outage does not loop) and keeps trying.
 */
async function migrateOrRetry(sql: Sql, now: Clock): Promise<{ stop(): void }> {
  let timer: NodeJS.Timeout | undefined;
  const attempt = async (): Promise<boolean> => {
    try {
      await migrate(sql, now);
      return true;
    } catch (e) {
      if (!isDatabaseUnavailable(e)) throw e;
      return false;
    }
  };
  const later = () => {
    timer = setTimeout(() => {
      attempt().then(
        (done) => (done ? undefined : later()),
        (e: unknown) => process.stderr.write(`counterdesk-server: migration failed: ${e instanceof Error ? e.message : String(e)}\n`),
      );
    }, DATABASE_RETRY_MS);
    timer.unref();
  };
  if (!(await attempt())) later();
  return { stop: () => clearTimeout(timer) };
}

/** One stateless server node: migrates (under the advisory lock), then serves. */
export async function startServerNode(o: NodeOptions): Promise<ServerNode> {
  // Transactions on a pool of their own (server/db/pools.ts: postgres.js's UNSAFE_TRANSACTION under load).
  const sql = openNodeDatabase(o.databaseUrl, { poolSize: o.poolSize ?? 20, applicationName: 'counterdesk-server' });
  const migrating = await migrateOrRetry(sql, o.now);
  const blobRoot = join(o.dataDir, 'blobs');
  const uploadDir = join(blobRoot, 'uploads');
  mkdirSync(uploadDir, { recursive: true });
  const keys = loadOrCreateServerKeys(o.keyFile ?? join(o.dataDir, 'server-keys.json'));
  const notifier = await createFeedNotifier(sql);
  const app = await buildApp({
    sql,
    now: o.now,
    keys,
    blobs: createLocalBlobStore(blobRoot, keys.blobKey),
    uploadDir,
    notifier,
    logger: o.logger ?? false,
    tls: o.tls ?? null,
  });
  const url = await app.listen({ host: o.host ?? '127.0.0.1', port: o.port ?? 0 });
  const timer = setInterval(() => void sweep(sql, o.now()).catch(() => undefined), 60_000);
  timer.unref();
  // Uploads nobody finished (a workstation retired mid-upload, a creation cut off) go after a week.
  const sweepUploads = () => void sweepAbandonedUploads(uploadDir, o.now()).catch(() => undefined);
  const uploadsTimer = setInterval(sweepUploads, UPLOAD_SWEEP_MS);
  uploadsTimer.unref();
  setTimeout(sweepUploads, 60_000).unref();
  // A push numbers its own feed rows right after its commit; rows left by a node that died in
  // between are numbered by the next push or by this pass on any node (migration 006).
  const numberFeed = feedNumberer(sql);
  const numbering = setInterval(() => void numberFeed().catch(() => undefined), FEED_NUMBERING_PASS_MS);
  numbering.unref();
  return {
    app,
    sql,
    url,
    async close() {
      clearInterval(timer);
      clearInterval(uploadsTimer);
      clearInterval(numbering);
      migrating.stop();
      await app.close();
      await notifier.close().catch(() => undefined);
      await sql.end({ timeout: 5 });
    },
  };
}
