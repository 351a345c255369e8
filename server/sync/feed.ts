import type { Sql, TransactionSql } from 'postgres';
import type { ChangeKind } from '../../api/sync/pull';

/** NOTIFY channel of committed feed rows (sent by the trigger of migration 003). */
export const FEED_CHANNEL = 'counterdesk_feed';

export interface FeedRow {
  /** A service point, or '*' for every workstation. */
  scope: string;
  kind: ChangeKind;
  id: string;
  deleted?: boolean;
  data: unknown;
}

/** The feed's columns for `tx(feedValues(...), ...FEED_COLUMNS)`, so a caller can fold the insert into a larger statement. */
export const FEED_COLUMNS = ['scope', 'kind', 'id', 'deleted', 'data', 'committed_at'] as const;

export function feedValues(rows: readonly FeedRow[], now: Date) {
  return rows.map((r) => ({ scope: r.scope, kind: r.kind, id: r.id, deleted: r.deleted ?? false, data: (r.data ?? null) as never, committed_at: now }));
}

/**
 * Append changes to the feed inside a writing transaction. The rows get their seq at COMMIT,
 * from a deferred trigger that locks the counter only until the commit is visible (migration
 * 003): seqs become visible in commit order and a puller never skips a row (sync-anchors: a
 * plain sequence commits out of order), while no transaction holds the counter across a round
 * trip to a server node.
 */
export async function appendFeed(tx: TransactionSql, rows: readonly FeedRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx`INSERT INTO feed ${tx(feedValues(rows, now), ...FEED_COLUMNS)}`;
}

/** Session setting that makes a transaction's feed rows wait for feed_number_pending() (migration 006). */
export const NUMBER_AFTER_COMMIT = ['counterdesk.feed_numbering', 'after_commit'] as const;

const numberers = new WeakMap<Sql, () => Promise<void>>();

/**
 * Numbers the feed rows that pushes committed without a number (migration 006). A push calls it
 * after its commit and answers once its rows are numbered, so the pushing workstation's next pull
 * sees them. One run at a time per node: callers arriving during a run share the next one, which
 * starts after their commits, so under load one short transaction numbers many pushes.
 */
export function feedNumberer(sql: Sql): () => Promise<void> {
  const known = numberers.get(sql);
  if (known) return known;
  let current: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    const run = sql`SELECT feed_number_pending()`.then(() => undefined);
    current = run;
    void run
      .catch(() => undefined)
      .then(() => {
        if (current === run) current = undefined;
      });
    return run;
  };
  const numberPending = (): Promise<void> => {
    if (!current) return start();
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
  numberers.set(sql, numberPending);
  return numberPending;
}
