import { connectDatabase, serverDataDir } from './db/connect';
import { tlsFromEnvironment } from './http/tls-config';
import { startServerNode } from './node';
import { systemClock as clock } from './system-clock';

// `npm run server`: the reference central API. With DATABASE_URL it is one stateless node of
// a deployment; without, it starts its own PostgreSQL 18 (embedded) and keeps everything in
// COUNTERDESK_SERVER_DIR (default .counterdesk-data/server/, ignored by git).

const dataDir = serverDataDir();

async function main() {
  const { url: databaseUrl, embedded } = await connectDatabase((l) => console.log(l));
  if (embedded) console.log(`embedded PostgreSQL 18 at ${embedded.url} (data in ${embedded.dataDir})`);
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
  const stop = async () => {
    await node.close().catch(() => undefined);
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`server: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
