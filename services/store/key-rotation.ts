import { existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KEY_BYTES, openDatabase } from './database';
import { isStoreError, StoreError } from './errors';
import {
  fsyncDir,
  loadOrCreateKeyFile,
  loadOrCreateWrappedKey,
  readKeyFile,
  writeKeyFile,
  writeWrappedKey,
  type KeyWrapper,
  type WrappedKeyOptions,
} from './keys';
import { DATABASE_FILE, openStore } from './index';

/** How a database key is kept on disk: a 0600 hex file (harness, tests) or wrapped by safeStorage (Electron). */
export interface KeyStorage {
  loadOrCreate(path: string): Buffer;
  read(path: string): Buffer;
  write(path: string, key: Buffer): void;
}

export const keyFileStorage: KeyStorage = { loadOrCreate: loadOrCreateKeyFile, read: readKeyFile, write: writeKeyFile };

export function wrappedKeyStorage(wrapper: KeyWrapper, opts: WrappedKeyOptions = {}): KeyStorage {
  return {
    loadOrCreate: (path) => loadOrCreateWrappedKey(path, wrapper, opts),
    read: (path) => {
      let key: Buffer;
      try {
        key = wrapper.unwrap(readFileSync(path));
      } catch (e) {
        throw new StoreError('wrong_key', `the wrapped key in ${path} cannot be unwrapped on this machine`, undefined, { cause: e });
      }
      if (key.length !== KEY_BYTES) throw new StoreError('wrong_key', `the wrapped key in ${path} is not ${KEY_BYTES} bytes`);
      return key;
    },
    write: (path, key) => writeWrappedKey(path, wrapper, key, opts),
  };
}

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
 * short: if the database already answers to the pending key, that key replaces the key
 * file; if it still answers to the old one, the pending key is passed on (as `otherKeys`) so
 * scans re-wrapped before the cut still open, and `rotateKey` can be run again to finish.
 */
export function resolveKeyFile(dir: string, keyPath: string, storage: KeyStorage = keyFileStorage): { key: Buffer; otherKeys: Buffer[] } {
  const pending = pendingKeyPath(keyPath);
  const current = storage.loadOrCreate(keyPath);
  if (!existsSync(pending)) return { key: current, otherKeys: [] };
  const next = storage.read(pending);
  const dbPath = join(dir, DATABASE_FILE);
  if (opensWith(dbPath, current)) return { key: current, otherKeys: [next] };
  if (opensWith(dbPath, next)) {
    promote(pending, keyPath);
    return { key: next, otherKeys: [] };
  }
  return { key: current, otherKeys: [next] }; // neither: openStore reports wrong_key
}

/**
 * `npm run store:rotate-key` (and the Electron admin command with `wrappedKeyStorage`): the
 * new random key is stored beside the old one first, so that a crash at any point leaves a
 * key that opens the database; then scan keys are re-wrapped, the database re-keyed, and
 * the new key replaces the old one. The app must not have the store open meanwhile.
 */
export function rotateKeyFile(opts: {
  dir: string;
  keyPath: string;
  workstationId: string;
  actor: string;
  clock: () => Date;
  storage?: KeyStorage;
  /** The audit chain's key when it is not the file beside the database (Electron: unwrapped by the OS key store). */
  auditKey?: Buffer;
}): {
  rewrapped: number;
} {
  const storage = opts.storage ?? keyFileStorage;
  const { key, otherKeys } = resolveKeyFile(opts.dir, opts.keyPath, storage);
  const pending = pendingKeyPath(opts.keyPath);
  let next = otherKeys[0];
  if (!next) {
    next = randomBytes(KEY_BYTES);
    storage.write(pending, next);
  }
  const store = openStore({
    dir: opts.dir,
    key,
    otherKeys: [next],
    workstationId: opts.workstationId,
    clock: opts.clock,
    ...(opts.auditKey ? { auditKey: opts.auditKey } : {}),
  });
  try {
    const r = store.rotateKey(next, opts.actor);
    store.close();
    promote(pending, opts.keyPath);
    return r;
  } finally {
    store.close();
  }
}
