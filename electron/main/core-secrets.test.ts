import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../services/store';
import { wrappedKeyStorage } from '../../services/store/key-rotation';
import { loadOrCreateKeyFile, readKeyFile, type KeyWrapper } from '../../services/store/keys';
import { keyFileSigningStore, signingKeyFromSeed, verifySignature } from '../../services/sync/identity';
import { AUDIT_KEY_SAFE_FILE, keepSyncSigningSeed, loadCoreSecrets, SYNC_SIGNING_SAFE_FILE } from './core-secrets';
import { xorTestWrapper } from './core-secrets-test-wrapper';

// Issue 12: in the installed app the audit chain's key and the sync signing seed are wrapped by
// the OS key store like the database key; the plain files of an earlier install are migrated
// without ever losing the key, whatever moment the process dies at.

const CHILD = resolve(import.meta.dirname, 'core-secrets-crash-child.ts');
const storage = wrappedKeyStorage(xorTestWrapper);
const clock = () => new Date('2026-11-29T03:00:00Z');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An earlier install: a store whose audit chain was keyed with the plain file, and an enrolled workstation's plain seed. */
function earlierInstall() {
  const store = openStore({ dir, key: Buffer.alloc(32, 3), workstationId: 'W07', clock });
  store.settings.set('retention.scanDays', 30, 'A0001');
  store.settings.set('retention.scanDays', 31, 'A0001');
  expect(store.audit.verify()).toMatchObject({ ok: true });
  const head = store.audit.head();
  store.close();
  const auditKey = readKeyFile(join(dir, 'audit-chain.key'));
  const seed = loadOrCreateKeyFile(join(dir, 'sync-signing.key'));
  return { auditKey, seed, head, publicKey: signingKeyFromSeed(seed).publicKey };
}

const plainFiles = () => readdirSync(dir).filter((f) => f === 'audit-chain.key' || f === 'sync-signing.key');

function expectNotAPlainKey(path: string, key: Buffer) {
  const bytes = readFileSync(path);
  expect(() => readKeyFile(path)).toThrow();
  expect(bytes.includes(key)).toBe(false);
  expect(bytes.toString('latin1')).not.toContain(key.toString('hex'));
  expect(bytes.toString('latin1')).not.toContain(key.toString('base64'));
}

describe('the audit key and the sync signing seed, wrapped by the OS key store', () => {
  it('a new install makes the audit key wrapped, with no plain key file, and no signing seed before enrolment', () => {
    const secrets = loadCoreSecrets(dir, storage);
    expect(secrets.auditKey).toHaveLength(32);
    expect(secrets.syncSigningSeed).toBeNull();
    expect(plainFiles()).toEqual([]);
    expectNotAPlainKey(join(dir, AUDIT_KEY_SAFE_FILE), secrets.auditKey);
    expect(existsSync(join(dir, SYNC_SIGNING_SAFE_FILE))).toBe(false);
    // The store opened with it keys the chain with it and writes no plain key of its own.
    const store = openStore({ dir, key: Buffer.alloc(32, 3), workstationId: 'W07', clock, auditKey: secrets.auditKey });
    store.settings.set('retention.scanDays', 30, 'A0001');
    expect(store.audit.verify()).toMatchObject({ ok: true });
    store.close();
    expect(plainFiles()).toEqual([]);
    // The next start gets the same key back.
    expect(loadCoreSecrets(dir, storage).auditKey.equals(secrets.auditKey)).toBe(true);
  });

  it('migrates an earlier install: the old chain still verifies, the workstation still signs as enrolled, no plain key is left', () => {
    const before = earlierInstall();
    const secrets = loadCoreSecrets(dir, storage);
    expect(plainFiles()).toEqual([]);
    expect(secrets.auditKey.equals(before.auditKey)).toBe(true);
    expectNotAPlainKey(join(dir, AUDIT_KEY_SAFE_FILE), before.auditKey);
    expectNotAPlainKey(join(dir, SYNC_SIGNING_SAFE_FILE), before.seed);

    const store = openStore({ dir, key: Buffer.alloc(32, 3), workstationId: 'W07', clock, auditKey: secrets.auditKey });
    expect(store.audit.verify()).toMatchObject({ ok: true, count: before.head.seq });
    store.settings.set('retention.scanDays', 32, 'A0001');
    expect(store.audit.verify()).toMatchObject({ ok: true, count: before.head.seq + 1 });
    store.close();
    expect(plainFiles()).toEqual([]);

    if (!secrets.syncSigningSeed) throw new Error('the enrolled workstation lost its seed');
    const signed = signingKeyFromSeed(secrets.syncSigningSeed).sign('GET /v1/sync/pull');
    expect(verifySignature(before.publicKey, 'GET /v1/sync/pull', signed)).toBe(true);
  });

  it('(control) the migrated chain does not verify with any other key', () => {
    earlierInstall();
    loadCoreSecrets(dir, storage);
    const store = openStore({ dir, key: Buffer.alloc(32, 3), workstationId: 'W07', clock, auditKey: Buffer.alloc(32, 9) });
    expect(store.audit.verify()).toMatchObject({ ok: false });
    store.close();
  });

  it.each([
    ['audit-chain.key', 'wrapped_written'],
    ['audit-chain.key', 'wrapped_verified'],
    ['audit-chain.key', 'plain_removed'],
    ['sync-signing.key', 'wrapped_written'],
    ['sync-signing.key', 'wrapped_verified'],
    ['sync-signing.key', 'plain_removed'],
  ])('a process killed (SIGKILL) after %s %s loses no key: the next start finishes the migration', (file, step) => {
    const before = earlierInstall();
    const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, dir, file, step], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('finished');

    const secrets = loadCoreSecrets(dir, storage);
    expect(secrets.auditKey.equals(before.auditKey)).toBe(true);
    expect(secrets.syncSigningSeed?.equals(before.seed)).toBe(true);
    expect(plainFiles()).toEqual([]);
    const store = openStore({ dir, key: Buffer.alloc(32, 3), workstationId: 'W07', clock, auditKey: secrets.auditKey });
    expect(store.audit.verify()).toMatchObject({ ok: true });
    store.close();
  });

  it('a key store that does not give the key back costs nothing: the plain file stays and the start fails', () => {
    const before = earlierInstall();
    const forgetful: KeyWrapper = { ...xorTestWrapper, unwrap: () => Buffer.alloc(32, 1) };
    expect(() => loadCoreSecrets(dir, wrappedKeyStorage(forgetful))).toThrow(/did not give back/);
    expect(readKeyFile(join(dir, 'audit-chain.key')).equals(before.auditKey)).toBe(true);
    expect(existsSync(join(dir, AUDIT_KEY_SAFE_FILE))).toBe(false);
    // With a working key store the migration then goes through.
    expect(loadCoreSecrets(dir, storage).auditKey.equals(before.auditKey)).toBe(true);
  });

  it('a plain and a wrapped key that differ are both kept and the start fails', () => {
    const before = earlierInstall();
    storage.write(join(dir, AUDIT_KEY_SAFE_FILE), Buffer.alloc(32, 4));
    expect(() => loadCoreSecrets(dir, storage)).toThrow(/different keys/);
    expect(readKeyFile(join(dir, 'audit-chain.key')).equals(before.auditKey)).toBe(true);
    expect(storage.read(join(dir, AUDIT_KEY_SAFE_FILE)).equals(Buffer.alloc(32, 4))).toBe(true);
  });

  it('a seed made at enrolment is kept wrapped and comes back at the next start', () => {
    loadCoreSecrets(dir, storage);
    const seed = Buffer.alloc(32, 8);
    keepSyncSigningSeed(dir, storage, seed);
    expect(plainFiles()).toEqual([]);
    expectNotAPlainKey(join(dir, SYNC_SIGNING_SAFE_FILE), seed);
    expect(loadCoreSecrets(dir, storage).syncSigningSeed?.equals(seed)).toBe(true);
    expect(() => keepSyncSigningSeed(dir, storage, Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('(harness, by design) the plain key files stay plain where nothing wraps them', () => {
    const store = openStore({ dir, key: Buffer.alloc(32, 3), workstationId: 'W07', clock });
    store.close();
    keyFileSigningStore(join(dir, 'sync-signing.key')).replace(Buffer.alloc(32, 8));
    expect(plainFiles().sort()).toEqual(['audit-chain.key', 'sync-signing.key']);
  });
});
