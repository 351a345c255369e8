import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateKeyFile, loadOrCreateWrappedKey, PLAINTEXT_BACKEND, type KeyWrapper } from './keys';
import { resolveKeyFile, rotateKeyFile, pendingKeyPath, wrappedKeyStorage } from './key-rotation';
import { openTestStore, tempStoreDir } from './test-support';
import { scanFixtures } from './attachments/fixtures';
import { rekeyDatabase } from './database';

/** A stand-in for Electron's safeStorage: XOR with a fixed pad, backend chosen by the test. */
function fakeWrapper(backend: string, available = true): KeyWrapper {
  const pad = Buffer.alloc(32, 0x5a);
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ (pad[i % 32] as number)));
  return { isAvailable: () => available, backend: () => backend, wrap: (b) => Buffer.concat([Buffer.from('W1'), xor(b)]), unwrap: (b) => xor(b.subarray(2)) };
}

describe('key file', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('creates a random 256-bit key readable only by its owner, and reads the same key back', () => {
    t = tempStoreDir();
    const p = join(t.dir, 'store.key');
    const k = loadOrCreateKeyFile(p);
    expect(k).toHaveLength(32);
    expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(p).equals(k)).toBe(true);
    expect(loadOrCreateKeyFile(join(t.dir, 'other.key')).equals(k)).toBe(false);
  });

  it.each([0o644, 0o640, 0o604])('refuses a key file with mode %o', (mode) => {
    t = tempStoreDir();
    const p = join(t.dir, 'store.key');
    loadOrCreateKeyFile(p);
    chmodSync(p, mode);
    expect(() => loadOrCreateKeyFile(p)).toThrow(expect.objectContaining({ code: 'key_file_insecure', messageKey: 'store.error.keyFileInsecure' }));
  });

  it('refuses a key file that does not hold a key', () => {
    t = tempStoreDir();
    const p = join(t.dir, 'store.key');
    writeFileSync(p, 'hello\n', { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(p)).toThrow(expect.objectContaining({ code: 'wrong_key' }));
  });
});

describe('wrapped key (safeStorage)', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('stores only the wrapped key and unwraps it again', () => {
    t = tempStoreDir();
    const p = join(t.dir, 'store.key.wrapped');
    const w = fakeWrapper('gnome_libsecret');
    const k = loadOrCreateWrappedKey(p, w);
    expect(readFileSync(p).includes(k)).toBe(false);
    expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(loadOrCreateWrappedKey(p, w).equals(k)).toBe(true);
  });

  it('refuses the plain-text backend unless the administrator allows it', () => {
    t = tempStoreDir();
    const p = join(t.dir, 'store.key.wrapped');
    expect(() => loadOrCreateWrappedKey(p, fakeWrapper(PLAINTEXT_BACKEND))).toThrow(expect.objectContaining({ code: 'key_unavailable' }));
    expect(existsSync(p)).toBe(false);
    expect(loadOrCreateWrappedKey(p, fakeWrapper(PLAINTEXT_BACKEND), { allowPlaintextBackend: true })).toHaveLength(32);
  });

  it('refuses when the key store is unavailable, and says wrong_key when the wrapped key cannot be unwrapped', () => {
    t = tempStoreDir();
    const p = join(t.dir, 'store.key.wrapped');
    expect(() => loadOrCreateWrappedKey(p, fakeWrapper('dpapi', false))).toThrow(expect.objectContaining({ code: 'key_unavailable' }));
    loadOrCreateWrappedKey(p, fakeWrapper('dpapi'));
    const broken: KeyWrapper = {
      ...fakeWrapper('dpapi'),
      unwrap: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString');
      },
    };
    expect(() => loadOrCreateWrappedKey(p, broken)).toThrow(expect.objectContaining({ code: 'wrong_key' }));
  });
});

describe('rotateKeyFile', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('replaces the key file; the data and scans open with the new key only', () => {
    t = tempStoreDir();
    const keyPath = join(t.dir, 'store.key');
    const oldKey = loadOrCreateKeyFile(keyPath);
    const s = openTestStore(t.dir, oldKey);
    const d = s.applications.createDraft({
      kind: 'first_application',
      data: { v: 1 },
      search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
      actor: 'c',
    });
    const a = s.attachments.put(scanFixtures.tiff, { applicationId: d.id, slot: 'x', actor: 'c' });
    s.close();
    expect(rotateKeyFile({ dir: t.dir, keyPath, workstationId: 'ws', actor: 'admin', clock: () => new Date() })).toEqual({ rewrapped: 1 });
    const newKey = loadOrCreateKeyFile(keyPath);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(existsSync(pendingKeyPath(keyPath))).toBe(false);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const s2 = openTestStore(t.dir, newKey);
    expect(s2.attachments.read(a.id).equals(scanFixtures.tiff)).toBe(true);
    s2.close();
  });

  it('after a crash between re-keying and replacing the key file, the pending key is adopted', () => {
    t = tempStoreDir();
    const keyPath = join(t.dir, 'store.key');
    const oldKey = loadOrCreateKeyFile(keyPath);
    const s = openTestStore(t.dir, oldKey);
    const d = s.applications.createDraft({
      kind: 'first_application',
      data: { v: 'kept' },
      search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
      actor: 'c',
    });
    const next = Buffer.alloc(32, 7);
    writeFileSync(pendingKeyPath(keyPath), `${next.toString('hex')}\n`, { mode: 0o600 });
    rekeyDatabase(s.db, next);
    s.close();
    const r = resolveKeyFile(t.dir, keyPath);
    expect(r.key.equals(next)).toBe(true);
    expect(loadOrCreateKeyFile(keyPath).equals(next)).toBe(true);
    const s2 = openTestStore(t.dir, r.key);
    expect(s2.applications.get(d.id)?.data).toEqual({ v: 'kept' });
    s2.close();
  });

  it('rotates a safeStorage-wrapped key the same way', () => {
    t = tempStoreDir();
    const keyPath = join(t.dir, 'store.key.wrapped');
    const storage = wrappedKeyStorage(fakeWrapper('kwallet5'));
    const oldKey = storage.loadOrCreate(keyPath);
    const s = openTestStore(t.dir, oldKey);
    const d = s.applications.createDraft({
      kind: 'first_application',
      data: { v: 'w' },
      search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
      actor: 'c',
    });
    s.close();
    rotateKeyFile({ dir: t.dir, keyPath, workstationId: 'ws', actor: 'admin', clock: () => new Date(), storage });
    const newKey = storage.read(keyPath);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(readFileSync(keyPath).includes(newKey)).toBe(false);
    const s2 = openTestStore(t.dir, newKey);
    expect(s2.applications.get(d.id)?.data).toEqual({ v: 'w' });
    s2.close();
  });
});
