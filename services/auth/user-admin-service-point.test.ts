import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { TEST_PASSWORD_PARAMS } from './test-support';

// Issue 13 (left over): the administrator changes the service point code (it applies after a
// restart) and creates a clerk before restarting. The clerk must sign in both before the
// restart (the running code) and after it (the saved one).

describe('users created between a service-point code change and the restart', () => {
  let dir: string;
  let core: AppCore;
  const { call, value } = apiClient(() => core);
  const start = () => {
    core = createAppCore({
      dataDir: dir,
      key: Buffer.alloc(32, 3),
      version: 'test',
      session: { passwordParams: TEST_PASSWORD_PARAMS },
      machineConfig: { path: join(dir, 'no-machine.json'), allowStartConsoleCode: true },
    });
  };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-sp-change-'));
    start();
    await value('auth.setup', { staffNumber: 'A0001', displayName: '管理員', password: 'admin-password-1', setupCode: core.setupCode ?? '' });
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a clerk created after the change signs in before and after the restart, and is listed in both', async () => {
    const sp01 = { code: 'SP01', nameZh: '氹仔服務點', namePt: 'Posto da Taipa' };
    expect(await value('workstation.configure', { servicePoint: sp01, workstationId: 'W07', scannerFolder: '' })).toMatchObject({ restartRequired: true });
    await value('users.create', { staffNumber: 'C0101', displayName: '陳文職', roles: ['clerk'], temporaryPassword: 'temporary-1' });
    expect((await value('users.list')).users.map((u) => u.staffNumber)).toEqual(['A0001', 'C0101']);
    await call('auth.signOut');
    expect(await call('auth.signIn', { staffNumber: 'C0101', password: 'temporary-1' })).toMatchObject({ ok: true });

    core.close();
    start();
    expect(await call('auth.signIn', { staffNumber: 'C0101', password: 'temporary-1' })).toMatchObject({ ok: true });
    await value('auth.changePassword', { current: 'temporary-1', next: 'clerk-own-password' });
    await call('auth.signOut');
    await value('auth.signIn', { staffNumber: 'A0001', password: 'admin-password-1' });
    expect((await value('users.list')).users.map((u) => u.staffNumber)).toEqual(['A0001', 'C0101']);
    expect(await value('users.resetPassword', { staffNumber: 'C0101', temporaryPassword: 'temporary-2' })).toMatchObject({ mustChangePassword: true });
  });
});
