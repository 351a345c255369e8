import type { Db } from '../store/database';

// The store commits with synchronous = FULL: every commit waits for the disk (about 7 ms here,
// on the core's thread, where the clerk's checklist is answered too). Most of sync's own
// bookkeeping does not need that wait, because losing its last writes in a power cut is
// repaired by the protocol itself:
// - an upload's URL, offset or done mark lost → the scan is asked about (HEAD) or sent again
//   (sending a scan the server holds is harmless, docs/sync-protocol.md §6);
// - an op's final answer lost → the op is pushed again with the same op id and the server
//   answers `duplicate` with the original outcome, which settles it again;
// - an outbox row frozen into an op but lost → frozen again; it was never sent, because every
//   push first commits its attempt flushed (sync-worker.ts), which also makes every write before
//   it durable (one write-ahead log, flushed as a whole).
// In WAL mode a commit without the flush cannot corrupt the database; it can only be lost.

type Level = { read: { get(): unknown }; normal: { run(): unknown }; full: { run(): unknown } };
const levels = new WeakMap<Db, Level>();
/** Prepared once per database (db.pragma() prepares a statement at every call). */
const levelOf = (db: Db): Level => {
  let l = levels.get(db);
  if (!l) {
    l = { read: db.prepare('PRAGMA synchronous').pluck(), normal: db.prepare('PRAGMA synchronous = NORMAL'), full: db.prepare('PRAGMA synchronous = FULL') };
    levels.set(db, l);
  }
  return l;
};

/** Run `write` (its own transaction) without waiting for the disk; the next flushed commit makes it durable. */
export function unflushed<T>(db: Db, write: () => T): T {
  // Inside someone else's transaction the level cannot change; their commit decides.
  if (db.inTransaction) return write();
  const l = levelOf(db);
  // Only the store's own level (FULL) is lowered and put back; any other is left as it is.
  if (l.read.get() !== 2) return write();
  l.normal.run();
  try {
    return write();
  } finally {
    l.full.run();
  }
}
