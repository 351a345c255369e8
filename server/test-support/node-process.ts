import type { IncomingMessage } from 'node:http';
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
// What the workstations asked of this node, for benches that count requests without a proxy in
// the path (one more process copying every scan would weigh on the very thing measured).
let connections = 0;
const requests: Record<string, number> = {};
node.app.server.on('connection', () => connections++);
node.app.server.on('request', (req: IncomingMessage) => {
  const route = `${req.method} ${(req.url ?? '').replace(/\?.*$/, '').replace(/\/[0-9a-f]{16,}$/, '/:id')}`;
  requests[route] = (requests[route] ?? 0) + 1;
});
process.on('SIGUSR2', () => process.stdout.write(`REQUESTS ${JSON.stringify({ connections, requests })}\n`));
process.stdout.write(`LISTENING ${node.url}\n`);
process.once('SIGTERM', () => void node.close().finally(() => process.exit(0)));
