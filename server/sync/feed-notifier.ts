import type { Sql } from 'postgres';
import { FEED_CHANNEL } from './feed';

export interface FeedNotifier {
  /** Subscribe before querying, then wait: a change that commits in between is not missed. */
  next(): { wait(ms: number): Promise<void> };
  close(): Promise<void>;
  waiting(): number;
}

/** One LISTEN connection per node; every long-poll waits on it (no polling of the database). */
export async function createFeedNotifier(sql: Sql): Promise<FeedNotifier> {
  let generation = 0;
  let wake: Array<() => void> = [];
  let count = 0;
  const listener = await sql.listen(FEED_CHANNEL, () => {
    generation++;
    const w = wake;
    wake = [];
    for (const f of w) f();
  });
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
    close: () => listener.unlisten(),
    waiting: () => count,
  };
}
