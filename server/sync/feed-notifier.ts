import type { Sql } from 'postgres';
import { isDatabaseUnavailable } from '../db/availability';
import { FEED_CHANNEL } from './feed';

export interface FeedNotifier {
  /** Subscribe before querying, then wait: a change that commits in between is not missed. */
  next(): { wait(ms: number): Promise<void> };
  close(): Promise<void>;
  waiting(): number;
}

const LISTEN_RETRY_MS = 2_000;

/**
 * One LISTEN connection per node; every long-poll waits on it (no polling of the database).
 * Without the database the node starts anyway and keeps trying; postgres.js listens again
 * after a reconnect, and each time it does every waiting poll looks again (a change may have
 * committed while nobody listened).
 */
export async function createFeedNotifier(sql: Sql): Promise<FeedNotifier> {
  let generation = 0;
  let wake: Array<() => void> = [];
  let count = 0;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const changed = () => {
    generation++;
    const w = wake;
    wake = [];
    for (const f of w) f();
  };
  let listener: { unlisten(): Promise<void> } | undefined;
  const subscribe = (): Promise<void> =>
    sql.listen(FEED_CHANNEL, changed, changed).then(
      (l) => {
        listener = l;
        if (closed) void l.unlisten().catch(() => undefined);
      },
      (e: unknown) => {
        if (!isDatabaseUnavailable(e)) throw e;
        if (closed) return;
        retry = setTimeout(() => void subscribe().catch(() => undefined), LISTEN_RETRY_MS);
        retry.unref();
      },
    );
  await subscribe();
  return {
    next() {
      const seen = generation;
      return {
        wait: (ms) =>
          new Promise<void>((resolve) => {
            if (generation !== seen) return resolve();
            count++;
            const done = () => {
              clearTimeout(timer);
              count--;
              resolve();
            };
            const timer = setTimeout(() => {
              wake = wake.filter((f) => f !== done);
              done();
            }, ms);
            wake.push(done);
          }),
      };
    },
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await listener?.unlisten();
    },
    waiting: () => count,
  };
}
