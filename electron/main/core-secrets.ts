import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KEY_BYTES } from '../../services/store/database';
import { StoreError } from '../../services/store/errors';
import { fsyncDir, readKeyFile } from '../../services/store/keys';
import type { KeyStorage } from '../../services/store/key-rotation';
import { AUDIT_KEY_FILE } from '../../services/store/audit-log';
import { SYNC_SIGNING_KEY_FILE } from '../../services/sync/identity';

// Issue 12 items 12 and 14: in the installed app the audit chain's HMAC key and the sync signing
// seed are kept as the database key is, wrapped by the OS key store (safeStorage), never as a
// plain file beside the database. Only this (the window) process can ask the key store, so it
// unwraps both here and hands the bytes to the core's process in the init message; the core
// keeps them in memory. The browser harness and tests keep plain 0600 files by design.

/** The audit chain's key, wrapped by the OS key store, in the data directory. */
export const AUDIT_KEY_SAFE_FILE = `${AUDIT_KEY_FILE}.safe`;
/** The workstation's sync signing seed (Ed25519), wrapped, in the data directory. */
export const SYNC_SIGNING_SAFE_FILE = `${SYNC_SIGNING_KEY_FILE}.safe`;

/** Test hook: called after each step of a migration, so a test can crash the process there. */
export type MigrationStep = 'wrapped_written' | 'wrapped_verified' | 'plain_removed';

export interface WrappedKeyFileOptions {
  /** Where an earlier install kept the key in clear (a 0600 hex file). */
  plainPath: string;
  /** Where the key is kept wrapped by the OS key store. */
  wrappedPath: string;
  storage: KeyStorage;
  /** Make a fresh key when neither file exists (the audit key); otherwise answer null (no signing key before enrolment). */
  create: boolean;
  afterStep?: (step: MigrationStep) => void;
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/**
 * The key, wrapped, migrating a plain key file of an earlier install on the way. The order makes
 * a crash at any point harmless: the wrapped file is written atomically and read back first, the
 * plain file removed last, so one of the two always holds the key. Finding both (a crash after
 * the wrapped file was written) finishes the job if they agree; if they differ neither is thrown
 * away and the app does not start (an administrator must look).
 */
export function loadWrappedKeyFile(opts: WrappedKeyFileOptions): Buffer | null {
  const { plainPath, wrappedPath, storage } = opts;
  const plainExists = existsSync(plainPath);
  if (existsSync(wrappedPath)) {
    const key = storage.read(wrappedPath);
    if (plainExists) {
      if (!same(readKeyFile(plainPath), key)) {
        throw new StoreError('wrong_key', `both ${plainPath} and ${wrappedPath} exist and hold different keys; neither was removed`);
      }
      removePlain(plainPath, opts);
    }
    return key;
  }
  if (plainExists) {
    const plain = readKeyFile(plainPath);
    storage.write(wrappedPath, plain);
    opts.afterStep?.('wrapped_written');
    // Read back through the key store before the only clear copy goes: a key store that cannot
    // give the key back (a keyring that is locked or lies) must not cost the key.
    let back: Buffer;
    try {
      back = storage.read(wrappedPath);
    } catch (e) {
      unlinkSync(wrappedPath);
      throw e;
    }
    if (!same(back, plain)) {
      unlinkSync(wrappedPath);
      throw new StoreError('wrong_key', `the key store did not give back the key wrapped from ${plainPath}; the plain file was kept`);
    }
    opts.afterStep?.('wrapped_verified');
    removePlain(plainPath, opts);
    return plain;
  }
  if (!opts.create) return null;
  const key = randomBytes(KEY_BYTES);
  storage.write(wrappedPath, key);
  return key;
}

function removePlain(plainPath: string, opts: WrappedKeyFileOptions): void {
  unlinkSync(plainPath);
  fsyncDir(dirname(plainPath));
  opts.afterStep?.('plain_removed');
}

/** What the core's process gets from this one, besides the database key. */
export interface CoreSecrets {
  auditKey: Buffer;
  /** Null until the workstation enrols with the central server. */
  syncSigningSeed: Buffer | null;
}

/** Both keys of the data directory, created or migrated as needed (see loadWrappedKeyFile). */
export function loadCoreSecrets(dataDir: string, storage: KeyStorage, afterStep?: (file: string, step: MigrationStep) => void): CoreSecrets {
  const hook = (file: string) => (afterStep ? { afterStep: (step: MigrationStep) => afterStep(file, step) } : {});
  const auditKey = loadWrappedKeyFile({
    plainPath: join(dataDir, AUDIT_KEY_FILE),
    wrappedPath: join(dataDir, AUDIT_KEY_SAFE_FILE),
    storage,
    create: true,
    ...hook(AUDIT_KEY_FILE),
  });
  const syncSigningSeed = loadWrappedKeyFile({
    plainPath: join(dataDir, SYNC_SIGNING_KEY_FILE),
    wrappedPath: join(dataDir, SYNC_SIGNING_SAFE_FILE),
    storage,
    create: false,
    ...hook(SYNC_SIGNING_KEY_FILE),
  });
  if (!auditKey) throw new Error('unreachable: the audit key is created when missing');
  return { auditKey, syncSigningSeed };
}

/**
 * Keeps a signing seed the core made at enrolment, wrapped, replacing any earlier one (re-enrolment
 * after a revocation). Answered to the core only once it is on disk: the core writes the server
 * pin after, so a crash in between leaves a workstation that enrols again, never a pin without its key.
 */
export function keepSyncSigningSeed(dataDir: string, storage: KeyStorage, seed: Buffer): void {
  if (seed.length !== KEY_BYTES) throw new StoreError('wrong_key', `a signing seed is ${KEY_BYTES} bytes, not ${seed.length}`);
  storage.write(join(dataDir, SYNC_SIGNING_SAFE_FILE), seed);
}
