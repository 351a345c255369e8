import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../api/sync';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { createPullApplier } from '../sync/pull-apply';

// Issue 15: reference data (entities with accounts, their staff logins) arrives by pull and is
// what intake checks against at once — the core's warm reference snapshot does not keep the old.

const pull = (changes: PullResponse['changes'], cursor: string): PullResponse => ({
  changes,
  cursor,
  hasMore: false,
  epoch: '0190f1c2-0000-4000-8000-000000000001',
  serverTime: '2026-11-23T09:00:00.000Z',
});
const entity = (entityNumber: string, zh: string) => ({
  kind: 'reference_entity' as const,
  id: entityNumber,
  deleted: false,
  data: { entityNumber, type: 'association' as const, names: { zh, pt: `Associação ${entityNumber}` }, registrationNumbers: [`SO-${entityNumber}`] },
});
const login = (loginId: string, entityNumber: string, faceRecognition: 'enabled' | 'locked' = 'enabled') => ({
  kind: 'staff_login' as const,
  id: loginId,
  deleted: false,
  data: { loginId, entityNumber, idType: 'mo_bir_permanent' as const, idNumber: '1234567(8)', activated: true, faceRecognition },
});

describe('reference data from the central server', () => {
  let dir: string;
  let core: AppCore;
  let applier: ReturnType<typeof createPullApplier>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-pulled-ref-'));
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 4), version: 'test', session: { passwordParams: TEST_PASSWORD_PARAMS } });
    applier = createPullApplier(core.store, core.clock);
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulled entities and logins are found by intake at once; later changes replace them; removals remove them', () => {
    const reference = core.services.reference;
    expect(reference.find('街坊')).toEqual([]); // the snapshot is warm (and empty) before the pull
    applier.apply(pull([entity('E0001', '氹仔街坊會'), login('L1', 'E0001'), login('L2', 'E0001')], 'c1'));
    expect(reference.find('街坊').map((e) => e.entityNumber)).toEqual(['E0001']);
    expect(reference.snapshot().staffLogins.map((l) => `${l.loginId}:${l.entityNumber}:${l.faceRecognition}`)).toEqual([
      'L1:E0001:enabled',
      'L2:E0001:enabled',
    ]);

    // A renamed entity keeps its logins; a login changes and another is removed.
    applier.apply(pull([entity('E0001', '氹仔坊眾會'), login('L1', 'E0001', 'locked'), { kind: 'staff_login', id: 'L2', deleted: true, data: null }], 'c2'));
    expect(reference.byEntityNumber('E0001')?.names.zh).toBe('氹仔坊眾會');
    expect(reference.snapshot().staffLogins.map((l) => `${l.loginId}:${l.faceRecognition}`)).toEqual(['L1:locked']);

    // A login moved to another entity leaves the first; a removed entity is gone.
    applier.apply(pull([entity('E0002', '路環坊眾會'), login('L1', 'E0002')], 'c3'));
    expect(reference.snapshot().staffLogins.map((l) => `${l.loginId}:${l.entityNumber}`)).toEqual(['L1:E0002']);
    applier.apply(pull([{ kind: 'reference_entity', id: 'E0001', deleted: true, data: null }], 'c4'));
    expect(reference.byEntityNumber('E0001')).toBeUndefined();
    expect(reference.find('坊眾').map((e) => e.entityNumber)).toEqual(['E0002']);
  });

  it('a login for an entity not held here is skipped, not an error that would stop the pull', () => {
    expect(applier.apply(pull([login('L9', 'E0404')], 'c1'))).toBe(1);
    expect(core.services.reference.snapshot().staffLogins).toEqual([]);
    expect(core.store.db.prepare("SELECT value FROM sync_state WHERE key = 'pull.cursor'").pluck().get()).toBe('c1');
  });
});
