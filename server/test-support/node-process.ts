import { startServerNode } from '../node';

// A server node in its own process, for tests of several nodes on one database. Its clock is
// fixed at COUNTERDESK_TEST_CLOCK so the test's workstations sign with the same time.
const fixed = Date.parse(process.env['COUNTERDESK_TEST_CLOCK'] ?? '');
const node = await startServerNode({
  databaseUrl: process.env['DATABASE_URL'] ?? '',
  dataDir: process.env['COUNTERDESK_SERVER_DIR'] ?? '',
  now: () => new Date(fixed),
  poolSize: 10,
});
process.stdout.write(`LISTENING ${node.url}\n`);
process.once('SIGTERM', () => void node.close().finally(() => process.exit(0)));
