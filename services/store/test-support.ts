import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type OpenStoreOptions, type Store } from './index';

/** A fresh data directory and key; `cleanup` removes the directory. */
export function tempStoreDir(): { dir: string; key: Buffer; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-store-'));
  return { dir, key: randomBytes(32), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A clock that moves one second on every call, so timestamps are distinct and ordered. */
export function steppingClock(start = '2026-11-23T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export function openTestStore(dir: string, key: Buffer, extra: Partial<OpenStoreOptions> = {}): Store {
  return openStore({ dir, key, workstationId: 'ws-test-01', clock: steppingClock(), ...extra });
}
