// Child process for wal-checkpointer.test.ts: with the checkpoint worker running, commits rows
// (each acknowledged on stdout only after its transaction returned) until the WAL is tens of
// MB, then waits to be killed with SIGKILL — no close, no final checkpoint.
import { openStore } from './index';

const [dir, keyHex, rowsArg] = process.argv.slice(2);
if (!dir || !keyHex || !rowsArg) throw new Error('usage: wal-crash-child <dir> <keyhex> <rows>');
const store = openStore({ dir, key: Buffer.from(keyHex, 'hex'), workstationId: 'ws-wal-crash', clock: () => new Date('2026-11-23T09:00:00Z') });
store.db.exec('CREATE TABLE IF NOT EXISTS wal_crash_rows (n INTEGER PRIMARY KEY, body BLOB NOT NULL)');
const insert = store.db.prepare('INSERT INTO wal_crash_rows (n, body) VALUES (?, ?)');
const rows = Number(rowsArg);
for (let n = 1; n <= rows; n++) {
  insert.run(n, Buffer.alloc(8192, n % 251));
  process.stdout.write(`ack ${n}\n`);
}
process.stdout.write('done\n');
setInterval(() => {}, 1000);
