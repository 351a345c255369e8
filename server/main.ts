import { fileURLToPath } from 'node:url';
import { connectDatabase, serverDataDir } from './db/connect';
import { tlsFromEnvironment } from './http/tls-config';
import { startServerNode } from './node';
import { superviseNode } from './supervisor';
import { systemClock as clock } from './system-clock';

// `npm run server`: the reference central API. With DATABASE_URL it is one stateless node of
// a deployment; without, it starts its own PostgreSQL 18 (embedded) and keeps everything in
// COUNTERDESK_SERVER_DIR (default .counterdesk-data/server/, ignored by git). The node runs in
// a child process that is started again if it dies (server/supervisor.ts).

const CHILD = 'COUNTERDESK_SUPERVISED_NODE';
const dataDir = serverDataDir();

async function runNode() {
  const { url: databaseUrl } = await connectDatabase((l) => console.log(l));
  const tls = tlsFromEnvironment(process.env, dataDir);
  const node = await startServerNode({
    databaseUrl,
    tls,
    dataDir,
    ...(process.env['COUNTERDESK_SERVER_KEY_FILE'] ? { keyFile: process.env['COUNTERDESK_SERVER_KEY_FILE'] } : {}),
    now: clock,
    host: process.env['HOST'] ?? '127.0.0.1',
    port: Number(process.env['PORT'] ?? 8787),
    logger: process.env['COUNTERDESK_SERVER_LOG'] === '1',
  });
  console.log(`Counterdesk central API listening on ${node.url} (OpenAPI ${node.url}/openapi.json, docs ${node.url}/docs)`);
  // Read out with each enrolment code: the workstation checks the server's TLS key against it before it trusts the answer.
  if (tls) console.log(`TLS key fingerprint (SPKI SHA-256): ${tls.spkiSha256}`);
  process.once('SIGTERM', () => void node.close().finally(() => process.exit(0)));
  process.once('SIGINT', () => void node.close().finally(() => process.exit(0)));
}

async function supervise() {
  const { url, embedded } = await connectDatabase((l) => console.log(l));
  if (embedded) console.log(`embedded PostgreSQL 18 at ${embedded.url} (data in ${embedded.dataDir})`);
  const supervisor = superviseNode({
    script: fileURLToPath(import.meta.url),
    env: { ...process.env, DATABASE_URL: url, [CHILD]: '1' },
    log: (l) => console.error(`server: ${l}`),
  });
  const stop = async () => {
    await supervisor.stop();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

(process.env[CHILD] === '1' ? runNode() : supervise()).catch((e: unknown) => {
  console.error(`server: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
