import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';

// Issue 13, item 1 through a whole core: a new service point's administrator gets a clerk
// signed in without writing code — create, forced password change, reset, lock, deactivate.

describe('users.* through the API (standalone workstation)', () => {
  let dir: string;
  let core: AppCore;
  let now = new Date('2026-11-23T03:00:00Z');
  const { call, value, as } = apiClient(() => core);
  const signIn = (staffNumber: string, password: string) => call('auth.signIn', { staffNumber, password });
  const newClerk = { staffNumber: 'C0101', displayName: '陳文職', roles: ['clerk' as const], temporaryPassword: 'temporary-1' };

  beforeEach(async () => {
    now = new Date('2026-11-23T03:00:00Z');
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-users-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', clock: () => now, session: { passwordParams: TEST_PASSWORD_PARAMS } });
    await value('auth.setup', { staffNumber: 'A0001', displayName: '管理員', password: 'admin-password-1', setupCode: core.setupCode ?? '' });
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the administrator creates a clerk, who signs in, must first choose their own password, and can then work', async () => {
    const created = await value('users.create', newClerk);
    expect(created).toMatchObject({ staffNumber: 'C0101', displayName: '陳文職', roles: ['clerk'], active: true, mustChangePassword: true });
    expect((await value('users.list')).users.map((u) => u.staffNumber)).toEqual(['A0001', 'C0101']);

    await call('auth.signOut');
    expect(await signIn('C0101', 'temporary-1')).toMatchObject({ ok: true });
    expect(await value('users.passwordChangeRequired')).toEqual({ required: true });
    // Nothing else until the password only the clerk knows is set.
    expect(await call('intake.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'auth.error.passwordChangeRequired' } });
    expect(await call('auth.changePassword', { current: 'temporary-1', next: 'my-own-password' })).toMatchObject({ ok: true });
    expect(await value('users.passwordChangeRequired')).toEqual({ required: false });
    expect(await call('intake.list', {})).toMatchObject({ ok: true });
  });

  it('refuses a taken staff number, a short password and an empty role list, changing nothing', async () => {
    await value('users.create', newClerk);
    expect(await call('users.create', { ...newClerk, displayName: '另一人' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', messageKey: 'users.error.exists', params: { staffNumber: 'C0101' } },
    });
    expect(await call('users.create', { ...newClerk, staffNumber: 'C0102', temporaryPassword: 'short' })).toMatchObject({
      ok: false,
      error: { messageKey: 'users.error.weakPassword', params: { min: 8 } },
    });
    expect(await call('users.create', { ...newClerk, staffNumber: 'C0103', roles: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await value('users.list')).users.map((u) => [u.staffNumber, u.displayName])).toEqual([
      ['A0001', '管理員'],
      ['C0101', '陳文職'],
    ]);
  });

  it('only the workstation administrator manages users', async () => {
    await as('C9', ['clerk']);
    expect(await call('users.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('users.create', newClerk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await as('S9', ['supervisor']);
    expect(await call('users.resetPassword', { staffNumber: 'C9', temporaryPassword: 'temporary-2' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await call('auth.signOut');
    expect(await call('users.list')).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
  });

  it('a reset password works once, must be changed, and unlocks a locked-out user', async () => {
    await value('users.create', newClerk);
    await value('auth.setSetting', { key: 'auth.maxFailures', value: 3 });
    await call('auth.signOut');
    for (let i = 0; i < 3; i++) await signIn('C0101', 'wrong-password-x');
    expect(await signIn('C0101', 'temporary-1')).toMatchObject({ ok: false, error: { messageKey: 'auth.error.lockedOut' } });

    await signIn('A0001', 'admin-password-1');
    expect((await value('users.list')).users.find((u) => u.staffNumber === 'C0101')?.lockedUntil).not.toBeNull();
    expect(await value('users.resetPassword', { staffNumber: 'C0101', temporaryPassword: 'temporary-2' })).toMatchObject({
      lockedUntil: null,
      mustChangePassword: true,
    });
    await call('auth.signOut');
    expect(await signIn('C0101', 'temporary-1')).toMatchObject({ ok: false });
    expect(await signIn('C0101', 'temporary-2')).toMatchObject({ ok: true });
    expect(await value('users.passwordChangeRequired')).toEqual({ required: true });
  });

  it('a deactivated clerk is signed out at their next call and cannot sign in; reactivated, they can', async () => {
    await value('users.create', newClerk);
    await call('auth.signOut');
    await signIn('C0101', 'temporary-1');
    await value('auth.changePassword', { current: 'temporary-1', next: 'my-own-password' });
    // The administrator deactivates the clerk (as at another moment on this workstation: the store is shared).
    await call('auth.signOut');
    await signIn('A0001', 'admin-password-1');
    expect(await value('users.setActive', { staffNumber: 'C0101', active: false })).toMatchObject({ active: false });
    await call('auth.signOut');
    expect(await signIn('C0101', 'my-own-password')).toMatchObject({ ok: false });
    await signIn('A0001', 'admin-password-1');
    await value('users.setActive', { staffNumber: 'C0101', active: true });
    await call('auth.signOut');
    expect(await signIn('C0101', 'my-own-password')).toMatchObject({ ok: true });
  });

  it('the last administrator cannot be deactivated, nor can an administrator deactivate themselves', async () => {
    expect(await call('users.setActive', { staffNumber: 'A0001', active: false })).toMatchObject({
      ok: false,
      error: { messageKey: 'users.error.notYourself' },
    });
    await value('users.create', { staffNumber: 'A0002', displayName: '第二管理員', roles: ['workstation_admin'], temporaryPassword: 'temporary-3' });
    await call('auth.signOut');
    await signIn('A0002', 'temporary-3');
    await value('auth.changePassword', { current: 'temporary-3', next: 'second-admin-own' });
    expect(await value('users.setActive', { staffNumber: 'A0001', active: false })).toMatchObject({ active: false });
    // A0002 is now the only active administrator: still cannot remove themselves.
    expect(await call('users.setActive', { staffNumber: 'A0002', active: false })).toMatchObject({ ok: false });
  });

  it('every change is in the audit log under the administrator, without the password', async () => {
    await value('users.create', newClerk);
    await value('users.resetPassword', { staffNumber: 'C0101', temporaryPassword: 'temporary-9' });
    const entries = core.store.audit.recent(10).filter((e) => e.details['staffNumber'] === 'C0101');
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['user_change', 'staff:A0001'],
      ['user_create', 'staff:A0001'],
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/temporary-/);
  });
});
