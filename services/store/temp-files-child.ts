// Child process for temp-files.test.ts: SQLite reads SQLITE_TMPDIR once, when it starts, so the
// test runs the database in a process of its own with the temp directory pointed at a fresh folder.
// Prints one JSON line: which open files live in that folder and whether any holds the marker.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from './database';

const [dbPath, keyHex, tempDirArg, markerArg] = process.argv.slice(2);
if (!dbPath || !keyHex || !tempDirArg || !markerArg) throw new Error('usage: temp-files-child <db> <keyhex> <tempdir> <marker>');
const tempDir: string = tempDirArg;
const marker: string = markerArg;
const db = openDatabase(dbPath, Buffer.from(keyHex, 'hex'));
db.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, id_number TEXT)');
const insert = db.prepare('INSERT INTO people (name, id_number) VALUES (?, ?)');
db.transaction(() => {
  for (let i = 0; i < 120_000; i++) insert.run(`${marker} ${i} ${'某'.repeat(40)}`, `${1_000_000 + ((i * 7919) % 9_000_000)}(${i % 10})`);
})();

/** Open files of this process inside tempDir (SQLite unlinks its temp files at once, so look through /proc). */
function tempFilesOpen(): { path: string; holdsMarker: boolean }[] {
  const out: { path: string; holdsMarker: boolean }[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(join('/proc/self/fd', fd));
    } catch {
      continue;
    }
    if (!target.startsWith(tempDir)) continue;
    let holdsMarker = false;
    try {
      holdsMarker = readFileSync(join('/proc/self/fd', fd)).includes(marker);
    } catch {
      /* gone meanwhile */
    }
    out.push({ path: target, holdsMarker });
  }
  return out;
}

// A sort larger than the page cache: SQLite spills it to temp files unless temp_store=MEMORY.
const rows = db.prepare('SELECT name, id_number FROM people ORDER BY id_number DESC, name').iterate();
rows.next();
const during = tempFilesOpen();
rows.return?.();
const left = readdirSync(tempDir);
db.close();
process.stdout.write(`${JSON.stringify({ during, left })}\n`);
