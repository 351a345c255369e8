import type { TransactionSql } from 'postgres';
import type { ChangeKind } from '../../api/sync/pull';

export const FEED_CHANNEL = 'counterdesk_feed';

export interface FeedRow {
  /** A service point, or '*' for every workstation. */
  scope: string;
  kind: ChangeKind;
  id: string;
  deleted?: boolean;
  data: unknown;
}

/**
 * Append changes to the feed as the last step of a writing transaction. The counter row is
 * locked from here until commit, so no transaction can take a higher seq and commit first:
 * seqs become visible in commit order and a puller never skips a row (sync-anchors: a plain
 * sequence commits out of order). Keep this the last statement before commit.
 */
export async function appendFeed(tx: TransactionSql, rows: readonly FeedRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const [counter] = await tx<{ last: string }[]>`UPDATE feed_counter SET last = last + ${rows.length} RETURNING last`;
  const last = BigInt(counter?.last ?? 0);
  const first = last - BigInt(rows.length) + 1n;
  const values = rows.map((r, i) => ({
    seq: (first + BigInt(i)).toString(),
    scope: r.scope,
    kind: r.kind,
    id: r.id,
    deleted: r.deleted ?? false,
    data: (r.data ?? null) as never,
    committed_at: now,
  }));
  await tx`INSERT INTO feed ${tx(values, 'seq', 'scope', 'kind', 'id', 'deleted', 'data', 'committed_at')}`;
  // Delivered at commit (and only then) to every node's LISTEN connection: wakes long-polls.
  await tx`SELECT pg_notify(${FEED_CHANNEL}, ${last.toString()})`;
}
