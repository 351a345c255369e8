import type { TransactionSql } from 'postgres';
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
