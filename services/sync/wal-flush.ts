import { open } from 'node:fs/promises';
import type { Db } from '../store/database';

// Before a push goes, every write before it must be durable here (an op is never sent before it
// is saved for good; unflushed-write.ts lists what relies on that). A commit at the store's own
// level (synchronous = FULL) made it so, but its fsync of the write-ahead log held the core's
// thread — the clerk's screen — for the disk: milliseconds on a quiet disk, tens of them on a
// busy one, once per push round of a drain. Here the commit is not flushed and the log file is
// fsynced from libuv's thread pool instead: the same flush of the same file, off the core's thread.
// Sound in WAL mode: frames are only ever overwritten after a checkpoint has copied them into the
// database file and synced it, so the frames of our commit are either still in the log (and this
// fsync makes them durable) or already durable in the database file.

export function createWalFlush(db: Db, path: string) {
  const wal = db.pragma('journal_mode', { simple: true }) === 'wal';
  return {
    /** Resolves once everything committed so far is on disk; false when it could not say so (then flush on this thread). */
    async flush(): Promise<boolean> {
      if (!wal) return false;
      let h;
      try {
        // Opened for writing: Windows flushes a file only through a handle that may write it.
        h = await open(`${path}-wal`, 'r+');
        await h.sync();
        return true;
      } catch {
        return false;
      } finally {
        await h?.close().catch(() => undefined);
      }
    },
  };
}
