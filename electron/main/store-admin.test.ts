import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../services/store';
import { resolveKeyFile, wrappedKeyStorage } from '../../services/store/key-rotation';
import type { KeyWrapper } from '../../services/store/keys';
import { runStoreAdmin, storeAdminCommand } from './store-admin';
import { loadCoreSecrets } from './core-secrets';

// A stand-in for safeStorage: reversible, and visibly not the raw key on disk.
const fakeWrapper = {
  backend: () => 'test',
  isAvailable: () => true,
  wrap: (plain: Buffer) => Buffer.from(plain.toString('base64').split('').reverse().join('')),
  unwrap: (wrapped: Buffer) => Buffer.from(wrapped.toString().split('').reverse().join(''), 'base64'),
} satisfies KeyWrapper;

describe('store maintenance from the installed app', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['electron', '.'], null],
    [['counterdesk', '--store-admin=rotate-key'], 'rotate-key'],
    [['counterdesk', '--store-admin=verify-audit'], 'verify-audit'],
    [['counterdesk', '--store-admin=held'], 'held'],
    [['counterdesk', '--store-admin=drop-tables'], 'invalid'],
    [['counterdesk', '--store-admin='], 'invalid'],
  ])('%j → %s', (argv, expected) => {
    expect(storeAdminCommand(argv)).toBe(expected);
  });

  it('rotates the wrapped key: the store opens with the new key only, the audit log verifies, held scans are reported', () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-store-admin-'));
    writeFileSync(join(dir, 'workstation.json'), JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試', namePt: 'Teste' } }));
    const keyPath = join(dir, 'store.key.safe');
    const storage = wrappedKeyStorage(fakeWrapper);
    const first = resolveKeyFile(dir, keyPath, storage);
    const { auditKey } = loadCoreSecrets(dir, storage);
    openStore({ dir, key: first.key, workstationId: 'W07', clock: () => new Date(), auditKey }).close();

    const ctx = () => ({ dataDir: dir as string, keyPath, storage, auditKey, ...resolveKeyFile(dir as string, keyPath, storage) });
    expect(runStoreAdmin('rotate-key', ctx())).toMatchObject({ code: 0, message: expect.stringContaining('Key rotated') });
    const after = resolveKeyFile(dir, keyPath, storage);
    expect(after.key.equals(first.key)).toBe(false);
    expect(() => openStore({ dir: dir as string, key: first.key, workstationId: 'W07', clock: () => new Date() })).toThrow();
    expect(runStoreAdmin('verify-audit', ctx())).toMatchObject({ code: 0, message: expect.stringContaining('hash chain intact') });
    expect(runStoreAdmin('held', ctx())).toMatchObject({ code: 0, message: expect.stringContaining('0 application(s)') });
    expect(runStoreAdmin('invalid', ctx())).toMatchObject({ code: 2 });
    // The rotation's audit entry was keyed with the wrapped audit key: no plain key file appeared.
    expect(existsSync(join(dir, 'audit-chain.key'))).toBe(false);
  });
});
