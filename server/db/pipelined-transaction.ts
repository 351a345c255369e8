import type { PendingQuery, Row, Sql, TransactionSql } from 'postgres';

/** Runs the transaction's last statement and COMMIT together (one round trip); resolves to the statement's rows once committed. */
export type Finish = <T extends readonly Row[]>(last: PendingQuery<T>) => Promise<T>;

/**
 * BEGIN … COMMIT on a connection of its own, with BEGIN sent in the same round trip as the first
 * statements and COMMIT with the last (`finish`): two round trips fewer than `sql.begin`. And it
 * is not exposed to a postgres.js 3.4 race: `sql.begin` may pipeline its BEGIN onto a busy pooled
 * connection and, when that socket is backed up, never marks the connection reserved, so the
 * BEGIN fails with UNSAFE_TRANSACTION (a 500 seen under load) and that connection is left inside
 * a transaction. No savepoints here: use `sql.begin` for work that needs them.
 *
 * `fn` gets the connection typed as a transaction; it must not call `savepoint`. Without
 * `finish`, the transaction commits after `fn` returns; if `fn` throws, it rolls back.
 */
export async function pipelinedTransaction<T>(sql: Sql, fn: (tx: TransactionSql, finish: Finish) => Promise<T>): Promise<T> {
  const conn = await sql.reserve();
  let open = true;
  try {
    // Lazily executed queries: executing BEGIN first puts it first on the wire.
    const begun = conn`BEGIN`.execute();
    begun.catch(() => undefined);
    const finish: Finish = async (last) => {
      const [rows, done] = await Promise.all([last.execute(), conn`COMMIT`.execute()]);
      open = false;
      // A COMMIT after a failed statement answers ROLLBACK, not an error.
      if (done.command !== 'COMMIT') throw new Error(`transaction ended with ${done.command}`);
      return rows;
    };
    const result = await fn(conn as unknown as TransactionSql, finish);
    await begun;
    if (open) {
      open = false;
      await conn`COMMIT`;
    }
    return result;
  } catch (e) {
    if (open) await conn`ROLLBACK`.catch(() => undefined);
    throw e;
  } finally {
    conn.release();
  }
}
