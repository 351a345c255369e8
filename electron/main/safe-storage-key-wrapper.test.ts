import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateWrappedKey } from '../../services/store/keys';
import { createSafeStorageKeyWrapper, safeStorageBackend } from './safe-storage-key-wrapper';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Behaves like Electron's safeStorage: opaque bytes out, the string back, and on Linux
 *  no encryption with basic_text until plain text is explicitly allowed. */
function fakeSafeStorage(backend: Backend, keyringUp = true) {
  let plainTextAllowed = false;
  const mask = 0x5a;
  return {
    get plainTextAllowed() {
      return plainTextAllowed;
    },
    isEncryptionAvailable: () => (backend === 'basic_text' ? plainTextAllowed : keyringUp),
    encryptString: (s: string) => Buffer.concat([Buffer.from('v11'), Buffer.from(s, 'utf8').map((b) => b ^ mask)]),
    decryptString: (b: Buffer) => {
      if (b.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(b.subarray(3).map((x) => x ^ mask)).toString('utf8');
    },
    getSelectedStorageBackend: () => backend,
    setUsePlainTextEncryption: (v: boolean) => {
      plainTextAllowed = v;
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safeStorageBackend', () => {
  it.each([
    ['win32', 'gnome_libsecret', 'dpapi'],
    ['darwin', 'gnome_libsecret', 'keychain'],
    ['linux', 'gnome_libsecret', 'gnome_libsecret'],
    ['linux', 'basic_text', 'basic_text'],
  ] as const)('%s with Chromium choosing %s → %s', (platform, selected, expected) => {
    expect(safeStorageBackend(fakeSafeStorage(selected), platform)).toBe(expected);
  });
});

describe('createSafeStorageKeyWrapper', () => {
  it('round-trips a 32-byte key without keeping it in clear on disk', () => {
    const w = createSafeStorageKeyWrapper(fakeSafeStorage('gnome_libsecret'), { platform: 'linux', allowPlaintext: false });
    const path = join(dir, 'store.key.safe');
    const key = loadOrCreateWrappedKey(path, w);
    expect(key).toHaveLength(32);
    const onDisk = readFileSync(path);
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.toString('utf8')).not.toContain(key.toString('base64'));
    expect(loadOrCreateWrappedKey(path, w).equals(key)).toBe(true);
  });

  it('refuses to start with a plain-text key store unless the administrator allowed it', () => {
    const storage = fakeSafeStorage('basic_text');
    const w = createSafeStorageKeyWrapper(storage, { platform: 'linux', allowPlaintext: false });
    expect(storage.plainTextAllowed).toBe(false);
    expect(w.isAvailable()).toBe(false);
    expect(() => loadOrCreateWrappedKey(join(dir, 'k'), w, { allowPlaintextBackend: false })).toThrow(/not available|basic_text/);
  });

  it('uses the plain-text key store when the administrator allowed it', () => {
    const storage = fakeSafeStorage('basic_text');
    const w = createSafeStorageKeyWrapper(storage, { platform: 'linux', allowPlaintext: true });
    expect(storage.plainTextAllowed).toBe(true);
    expect(w.backend()).toBe('basic_text');
    expect(loadOrCreateWrappedKey(join(dir, 'k'), w, { allowPlaintextBackend: true })).toHaveLength(32);
  });

  it('never switches plain text on where a real key store exists', () => {
    const storage = fakeSafeStorage('kwallet5');
    createSafeStorageKeyWrapper(storage, { platform: 'linux', allowPlaintext: true });
    expect(storage.plainTextAllowed).toBe(false);
  });

  it('refuses a wrapped key that does not decrypt to base64 (key store reset, file from another machine)', () => {
    const storage = fakeSafeStorage('gnome_libsecret');
    const w = createSafeStorageKeyWrapper(storage, { platform: 'linux', allowPlaintext: false });
    expect(() => w.unwrap(storage.encryptString('not a key!'))).toThrow(/not base64/);
    expect(() => w.unwrap(Buffer.from('garbage'))).toThrow(/decrypt/);
  });
});
