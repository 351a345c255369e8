import { existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from './database';
import { isStoreError } from './errors';
import { fsyncDir, loadOrCreateKeyFile, readKeyFile, writeFileAtomic } from './keys';
import { DATABASE_FILE, openStore } from './index';

export const pendingKeyPath = (keyPath: string) => `${keyPath}.next`;

function opensWith(dbPath: string, key: Buffer): boolean {
  if (!existsSync(dbPath)) return true;
  try {
    openDatabase(dbPath, key).close();
    return true;
  } catch (e) {
    if (isStoreError(e, 'wrong_key')) return false;
    throw e;
  }
}

function promote(pending: string, keyPath: string): void {
  renameSync(pending, keyPath);
  fsyncDir(dirname(keyPath));
}

/**
 * The key to open the store with, finishing the bookkeeping of a rotation that was cut
 * short: if the database already answers to the pending key, that key becomes the key file;
 * if it still answers to the old one, the pending key is passed on so scans re-wrapped
 * before the cut still open (and `rotateKeyFile` can be run again to finish).
 */
export function resolveKeyFile(dir: string, keyPath: string): { key: Buffer; otherKeys: Buffer[] } {
  const pending = pendingKeyPath(keyPath);
  const current = loadOrCreateKeyFile(keyPath);
  if (!existsSync(pending)) return { key: current, otherKeys: [] };
  const next = readKeyFile(pending);
  const dbPath = join(dir, DATABASE_FILE);
  if (opensWith(dbPath, current)) return { key: current, otherKeys: [next] };
  if (opensWith(dbPath, next)) {
    promote(pending, keyPath);
    return { key: next, otherKeys: [] };
  }
  return { key: current, otherKeys: [next] }; // neither: openStore reports wrong_key
}

/**
 * `npm run store:rotate-key`: new random key written beside the old one first (so a crash
 * at any point leaves a key that opens the database), scan keys re-wrapped, database
 * re-keyed, then the new key replaces the old key file.
 */
export function rotateKeyFile(opts: { dir: string; keyPath: string; workstationId: string; actor: string }): { rewrapped: number } {
  const { key, otherKeys } = resolveKeyFile(opts.dir, opts.keyPath);
  const pending = pendingKeyPath(opts.keyPath);
  let next = otherKeys[0];
  if (!next) {
    next = randomBytes(32);
    writeFileAtomic(pending, Buffer.from(`${next.toString('hex')}\n`), 0o600);
  }
  const store = openStore({ dir: opts.dir, key, otherKeys: [next], workstationId: opts.workstationId });
  try {
    const r = store.rotateKey(next, opts.actor);
    store.close();
    promote(pending, opts.keyPath);
    return r;
  } finally {
    store.close();
  }
}
