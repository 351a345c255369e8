import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server-fixture';

// Issue 14: under load a node answered a rare 500 whose cause was postgres.js's
// UNSAFE_TRANSACTION from sql.begin(). postgres.js 3.4 (porsager/postgres#823, #1189) sends a
// transaction's BEGIN on whichever pooled connection it picks, busy ones included; when the BEGIN
// is the query that fills that connection's pipeline (100 queries), it skips reserving the
// connection for the transaction. The transaction then fails, and — worse than the 500 — the
// connection goes back to the pool still inside the transaction PostgreSQL opened, so the next
// plain writes on it are not committed. Here the node's own pool is driven into that state on
// purpose: every connection busy with a deep pipeline of plain queries (as when hundreds of
// long-polls wake at once), then transactions begin.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ users: false });
}, 60_000);
afterAll(async () => server?.close());

/** The node's backends that sit inside a transaction with nothing running (PostgreSQL's own view). */
async function idleInTransaction(): Promise<number> {
  const observer = postgres(server.db.url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await observer<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'counterdesk-server' AND state LIKE 'idle in transaction%'`;
    return row?.n ?? -1;
  } finally {
    await observer.end();
  }
}

describe('transactions while every pooled connection has a full pipeline', () => {
  it('commit, and leave no connection inside a transaction', async () => {
    const sql = server.node.sql;
    await sql`CREATE TABLE IF NOT EXISTS load_probe (n int PRIMARY KEY)`;
    const pool = 10; // the fixture's poolSize: as many connections as the node has in all
    // Every connection open first (a pool opens them lazily).
    await Promise.all(Array.from({ length: pool }, () => sql`SELECT pg_sleep(0.05)`.execute()));
    // One slow query per connection, then plain queries pipelined behind them round-robin until
    // every connection holds 99: a BEGIN sent now to any of them would be its 100th. All of this
    // is sent in one turn of the event loop, so no answer can drain a pipeline in between.
    const plain: Promise<unknown>[] = [];
    for (let i = 0; i < pool; i++) plain.push(sql`SELECT pg_sleep(0.4)`.execute());
    for (let i = 0; i < pool * 99; i++) plain.push(sql`SELECT 1`.execute());
    const outcomes = await Promise.allSettled(
      Array.from({ length: pool }, (_, i) =>
        sql.begin(async (tx) => {
          await tx`INSERT INTO load_probe (n) VALUES (${i})`;
        }),
      ),
    );
    await Promise.all(plain);
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { code?: string }).code ?? String(o.reason)] : []));
    expect(failed).toEqual([]);
    // Plain writes after the storm are committed: each is seen from another connection at once.
    for (let i = 0; i < 2 * pool; i++) await sql`INSERT INTO load_probe (n) VALUES (${100 + i})`;
    const observer = postgres(server.db.url, { max: 1, onnotice: () => undefined });
    const [seen] = await observer<{ n: number }[]>`SELECT count(*)::int AS n FROM load_probe`;
    await observer.end();
    expect(seen?.n).toBe(3 * pool);
    expect(await idleInTransaction()).toBe(0);
  }, 30_000);
});
