import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, tempStoreDir } from '../store/test-support';
import { createWalFlush } from './wal-flush';

// Issue 15: before a push, everything written is flushed to disk from libuv's thread pool, not on
// the core's thread; where that cannot be done the caller flushes with a commit of its own.

describe('flushing the write-ahead log off the core thread', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('flushes the store’s log and says so', async () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    try {
      store.db.prepare(`INSERT INTO sync_state (key, value) VALUES ('k', 'v')`).run();
      expect(await createWalFlush(store.db, store.path).flush()).toBe(true);
    } finally {
      store.close();
    }
  });

  it('says it could not when there is no log to flush (the caller then commits flushed itself)', async () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    try {
      expect(await createWalFlush(store.db, `${store.path}.elsewhere`).flush()).toBe(false);
    } finally {
      store.close();
    }
  });
});
