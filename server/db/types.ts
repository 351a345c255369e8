import type { Sql, TransactionSql } from 'postgres';

/** A connection pool or an open transaction: repository functions take either. */
export type Db = Sql | TransactionSql;

/** The injected clock (never `new Date()` in server code). */
export type Clock = () => Date;
