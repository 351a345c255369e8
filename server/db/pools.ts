import postgres, { type Sql } from 'postgres';

/**
 * A node's database handle: plain queries and transactions on two separate pools, one `Sql`.
 *
 * postgres.js 3.4 pipelines a query onto a busy connection, and so it does a transaction's
 * BEGIN; when that BEGIN is the query that fills the connection's pipeline (max_pipeline, 100)
 * — or its write meets backpressure — the driver skips reserving the connection for the
 * transaction (porsager/postgres#823, #1189; unfixed in 3.4.9). PostgreSQL has opened the
 * transaction all the same: sql.begin() fails with UNSAFE_TRANSACTION (a 500), and the
 * connection goes back to the pool idle in that transaction, where the next plain writes are not
 * committed until some later transaction's COMMIT or ROLLBACK decides their fate. A node
 * reaches that state under load: hundreds of long-polls and signed requests pipelined onto the
 * few connections not held by a push (server/tests/transactions-under-load.test.ts).
 *
 * On a pool used only through begin(), a BEGIN is always the first query of a connection that
 * has nothing in flight (an idle one, a new one, or one whose previous transaction just ended),
 * so the reservation is never skipped. `begin` goes there; everything else (tagged queries,
 * unsafe, listen, reserve) to the plain pool. Half the connections each, at least one.
 */
export function openNodeDatabase(url: string, o: { poolSize: number; applicationName: string }): Sql {
  const transactionsMax = Math.max(1, Math.ceil(o.poolSize / 2));
  const options = { onnotice: () => undefined, connection: { application_name: o.applicationName } };
  const queries = postgres(url, { ...options, max: Math.max(1, o.poolSize - transactionsMax) });
  const transactions = postgres(url, { ...options, max: transactionsMax });
  const end: Sql['end'] = async (opts) => {
    await Promise.all([queries.end(opts), transactions.end(opts)]);
  };
  // `begin` and `end` are the only members that differ; the rest of the handle is the plain pool.
  return new Proxy(queries, {
    get(target, property, receiver) {
      if (property === 'begin') return transactions.begin;
      if (property === 'end') return end;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
