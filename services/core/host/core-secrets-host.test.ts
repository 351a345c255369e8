import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCoreOptions } from '../app-core';
import { connectCore } from './core-client';
import { serveCore } from './core-host';
import { isFromCore, isToCore } from './protocol';

// Issue 12: in Electron the audit key and the sync signing seed reach the core in the init message
// (the window process unwrapped them) and a seed made at enrolment goes back to be wrapped. Both
// directions are checked for their shape: a key that is not 32 bytes never starts a core.

const KEY = new Uint8Array(32).fill(7);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** serveCore and connectCore back to back in this process, as core-host.test.ts's control does. */
function wired() {
  const toCore: ((m: unknown) => void)[] = [];
  const toWindow: ((m: unknown) => void)[] = [];
  const coreEnd = { post: (m: unknown) => setImmediate(() => toWindow.forEach((l) => l(m))), onMessage: (l: (m: unknown) => void) => void toCore.push(l) };
  const windowEnd = {
    post: (m: unknown) => setImmediate(() => toCore.forEach((l) => l(m))),
    onMessage: (l: (m: unknown) => void) => void toWindow.push(l),
    onExit: () => {},
    kill: () => {},
  };
  const built: AppCoreOptions[] = [];
  const cores: ReturnType<typeof createAppCore>[] = [];
  serveCore(coreEnd, (o) => {
    built.push(o);
    const c = createAppCore(o);
    cores.push(c);
    return c;
  });
  const dir = mkdtempSync(join(tmpdir(), 'cd-host-secrets-'));
  dirs.push(dir);
  return { dir, built, cores, windowEnd };
}

describe('keys for the core, over the host protocol', () => {
  it('a core given the keys writes no plain key file, and a seed made at enrolment is kept by the window process before it counts', async () => {
    const kept: Buffer[] = [];
    const w = wired();
    const client = await connectCore(
      w.windowEnd,
      { dataDir: w.dir, key: KEY, otherKeys: [], version: 'test', printing: false, secrets: { auditKey: new Uint8Array(32).fill(3), syncSigningSeed: null } },
      { keepSigningSeed: (seed) => void kept.push(seed) },
    );
    const keys = w.built[0]?.syncSigningKeys;
    if (!keys) throw new Error('the core did not get an injected signing key store');
    expect(keys.exists()).toBe(false);
    await keys.replace(Buffer.alloc(32, 8));
    expect(kept.map((k) => k.toString('hex'))).toEqual([Buffer.alloc(32, 8).toString('hex')]);
    expect(keys.exists()).toBe(true);
    expect(keys.load().equals(Buffer.alloc(32, 8))).toBe(true);
    expect(w.cores[0]?.store.audit.verify()).toMatchObject({ ok: true });
    w.cores[0]?.close();
    expect(readdirSync(w.dir).filter((f) => f.endsWith('.key'))).toEqual([]);
    expect(client.workstationId).toBeTruthy();
  });

  it('a seed the window process could not keep is not used: the enrolment fails and the workstation has no key', async () => {
    const w = wired();
    await connectCore(
      w.windowEnd,
      { dataDir: w.dir, key: KEY, otherKeys: [], version: 'test', printing: false, secrets: { auditKey: new Uint8Array(32).fill(3), syncSigningSeed: null } },
      {
        keepSigningSeed: () => {
          throw new Error('the key store is locked');
        },
      },
    );
    const keys = w.built[0]?.syncSigningKeys;
    await expect(keys?.replace(Buffer.alloc(32, 8))).rejects.toThrow(/key store is locked/);
    expect(keys?.exists()).toBe(false);
    w.cores[0]?.close();
    expect(existsSync(join(w.dir, 'sync-signing.key'))).toBe(false);
  });

  it('(harness) without keys in the init message the core keeps plain key files, by design', async () => {
    const w = wired();
    await connectCore(w.windowEnd, { dataDir: w.dir, key: KEY, otherKeys: [], version: 'test', printing: false });
    expect(w.built[0]?.syncSigningKeys).toBeUndefined();
    w.cores[0]?.close();
    expect(existsSync(join(w.dir, 'audit-chain.key'))).toBe(true);
  });

  it.each([
    ['keys of 32 bytes', { auditKey: new Uint8Array(32), syncSigningSeed: new Uint8Array(32) }, true],
    ['no seed yet', { auditKey: new Uint8Array(32), syncSigningSeed: null }, true],
    ['a short audit key', { auditKey: new Uint8Array(16), syncSigningSeed: null }, false],
    ['a long seed', { auditKey: new Uint8Array(32), syncSigningSeed: new Uint8Array(33) }, false],
    ['a key as text', { auditKey: 'a'.repeat(64), syncSigningSeed: null }, false],
    ['a missing seed field', { auditKey: new Uint8Array(32) }, false],
    ['an unknown field', { auditKey: new Uint8Array(32), syncSigningSeed: null, databaseKey: new Uint8Array(32) }, false],
  ])('init with %s → accepted %s', (_name, secrets, accepted) => {
    expect(isToCore({ type: 'init', init: { dataDir: '/d', key: KEY, otherKeys: [], version: 't', printing: false, secrets } })).toBe(accepted);
  });

  it('checks the seed going out and the answer coming back', () => {
    expect(isFromCore({ type: 'keepSigningSeed', id: 1, seed: new Uint8Array(32) })).toBe(true);
    expect(isFromCore({ type: 'keepSigningSeed', id: 1, seed: new Uint8Array(31) })).toBe(false);
    expect(isFromCore({ type: 'keepSigningSeed', id: 1.5, seed: new Uint8Array(32) })).toBe(false);
    expect(isToCore({ type: 'signingSeedKept', id: 1, ok: true })).toBe(true);
    expect(isToCore({ type: 'signingSeedKept', id: 1, ok: false, detail: 'locked' })).toBe(true);
    expect(isToCore({ type: 'signingSeedKept', id: 1, ok: false })).toBe(false);
    expect(isToCore({ type: 'signingSeedKept', id: 1, ok: true, seed: new Uint8Array(32) })).toBe(false);
    expect(isToCore({ type: 'init', init: { dataDir: '/d', key: new Uint8Array(16), otherKeys: [] } })).toBe(false);
  });
});
