import type { Sql } from 'postgres';
import type { Change, PullQuery, PullResponse } from '../../api/sync/pull';
import type { Clock } from '../db/types';
import { HttpRefusal } from '../http/errors';
import type { FeedNotifier } from './feed-notifier';

interface CursorState {
  epoch: string;
  seq: number;
}

// Opaque to clients; base64url of a small JSON so the epoch travels with the position.
export const encodeCursor = (c: CursorState): string => Buffer.from(JSON.stringify({ v: 1, e: c.epoch, s: c.seq })).toString('base64url');

function decodeCursor(cursor: string): CursorState {
  try {
    const o = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; e?: unknown; s?: unknown };
    if (o.v === 1 && typeof o.e === 'string' && typeof o.s === 'number' && Number.isSafeInteger(o.s) && o.s >= 0) return { epoch: o.e, seq: o.s };
  } catch {
    // fall through
  }
  throw new HttpRefusal(400, 'validation_failed', { field: 'cursor' });
}

export async function currentEpoch(sql: Sql): Promise<string> {
  const [row] = await sql<{ value: string }[]>`SELECT value FROM server_meta WHERE key = 'epoch'`;
  return row?.value ?? '';
}

interface FeedRowOut {
  seq: string;
  kind: Change['kind'];
  id: string;
  deleted: boolean;
  data: unknown;
}

/**
 * Pull: the changes after the cursor visible to this service point, in commit order. With
 * `wait`, an empty answer is held until a change commits (LISTEN/NOTIFY reaches every node)
 * or the wait is over.
 */
export async function handlePull(sql: Sql, now: Clock, notifier: FeedNotifier, servicePoint: string, q: PullQuery): Promise<PullResponse> {
  const epoch = await currentEpoch(sql);
  const from = q.cursor ? decodeCursor(q.cursor) : { epoch, seq: 0 };
  if (from.epoch !== epoch) throw new HttpRefusal(410, 'cursor_expired');
  // How long to hold is a duration, measured on the monotonic timer (the injected clock is for dates).
  const deadline = performance.now() + q.wait * 1000;
  for (;;) {
    const waiting = notifier.next();
    const rows = await sql<FeedRowOut[]>`
      SELECT seq, kind, id, deleted, data FROM feed WHERE seq > ${from.seq} AND scope IN ('*', ${servicePoint}) ORDER BY seq LIMIT ${q.limit + 1}`;
    if (rows.length === 0) {
      const [counter] = await sql<{ last: string }[]>`SELECT last FROM feed_counter`;
      // A cursor ahead of the feed: the database was restored behind the workstation's back.
      if (from.seq > Number(counter?.last ?? 0)) throw new HttpRefusal(410, 'cursor_expired');
    }
    const remaining = deadline - performance.now();
    if (rows.length > 0 || remaining <= 0) {
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        changes: page.map((r) => ({ kind: r.kind, id: r.id, deleted: r.deleted, data: r.data }) as Change),
        cursor: encodeCursor({ epoch, seq: last ? Number(last.seq) : from.seq }),
        hasMore: rows.length > q.limit,
        epoch,
        serverTime: now().toISOString(),
      };
    }
    await waiting.wait(remaining);
  }
}
