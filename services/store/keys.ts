import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { KEY_BYTES } from './database';
import { StoreError } from './errors';

/** Write `data` to `path` atomically with the given mode: temp file, fsync, rename, fsync dir. */
export function writeFileAtomic(path: string, data: Buffer, mode: number): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}

export function fsyncDir(dir: string): void {
  // Not every platform lets a directory be opened for fsync (Windows); the rename is still atomic.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/** Read a 0600 hex key file; refuses one that group or others can read. */
export function readKeyFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      throw new StoreError('key_file_insecure', `key file ${path} has mode ${(st.mode & 0o777).toString(8)}; it must be 600`);
    }
  } finally {
    closeSync(fd);
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new StoreError('wrong_key', `key file ${path} does not hold a 256-bit hex key`);
  return Buffer.from(text, 'hex');
}

/**
 * Key file for the browser harness and tests: 64 hex characters, mode 0600. A file that
 * others can read is refused rather than fixed, because the key may already have leaked.
 */
export function loadOrCreateKeyFile(path: string): Buffer {
  if (existsSync(path)) return readKeyFile(path);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  writeFileAtomic(path, Buffer.from(`${key.toString('hex')}\n`), 0o600);
  return key;
}

/** Replace the key file's contents (after a successful rekey). */
export function writeKeyFile(path: string, key: Buffer): void {
  writeFileAtomic(path, Buffer.from(`${key.toString('hex')}\n`), 0o600);
}

/** What Electron's `safeStorage` offers (implemented in the Electron main process). */
export interface KeyWrapper {
  isAvailable(): boolean;
  /** e.g. 'gnome_libsecret', 'kwallet5', 'dpapi', 'keychain', or 'basic_text' (plain text). */
  backend(): string;
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

export const PLAINTEXT_BACKEND = 'basic_text';

export interface WrappedKeyOptions {
  /** Administrator's explicit consent to run with a key store that keeps the key in plain text. */
  allowPlaintextBackend?: boolean;
}

function checkWrapper(wrapper: KeyWrapper, opts: WrappedKeyOptions): void {
  if (!wrapper.isAvailable()) throw new StoreError('key_unavailable', 'the operating system key store is not available');
  if (wrapper.backend() === PLAINTEXT_BACKEND && !opts.allowPlaintextBackend) {
    throw new StoreError('key_unavailable', `the key store backend is ${PLAINTEXT_BACKEND} (plain text); refused unless the administrator allows it`);
  }
}

/** Database key wrapped by the OS key store (Electron `safeStorage`), stored at `path`. */
export function loadOrCreateWrappedKey(path: string, wrapper: KeyWrapper, opts: WrappedKeyOptions = {}): Buffer {
  checkWrapper(wrapper, opts);
  if (existsSync(path)) {
    let key: Buffer;
    try {
      key = wrapper.unwrap(readFileSync(path));
    } catch (e) {
      throw new StoreError('wrong_key', `the wrapped key in ${path} cannot be unwrapped on this machine`, undefined, { cause: e });
    }
    if (key.length !== KEY_BYTES) throw new StoreError('wrong_key', `the wrapped key in ${path} is not ${KEY_BYTES} bytes`);
    return key;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  writeFileAtomic(path, wrapper.wrap(key), 0o600);
  return key;
}

export function writeWrappedKey(path: string, wrapper: KeyWrapper, key: Buffer, opts: WrappedKeyOptions = {}): void {
  checkWrapper(wrapper, opts);
  writeFileAtomic(path, wrapper.wrap(key), 0o600);
}
