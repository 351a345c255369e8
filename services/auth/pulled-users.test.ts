import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../api/sync';
import { hashPassword as serverHash } from '../../server/crypto/passwords';
import { createPullApplier } from '../sync/pull-apply';
import { authFixture, TEST_PASSWORD_PARAMS, type AuthFixture } from './test-support';

// Issue 15 / issue 13 item 1: once enrolled, users, roles and password verifiers arrive by
// pull; a user created on the central server signs in here offline with the server's verifier.

const EPOCH = '0190f1c2-0000-4000-8000-000000000001';
const pull = (changes: PullResponse['changes'], cursor = 'c1'): PullResponse => ({
  changes,
  cursor,
  hasMore: false,
  epoch: EPOCH,
  serverTime: '2026-11-23T09:00:00.000Z',
});
const userChange = (
  staffNumber: string,
  data: Partial<{ roles: ('clerk' | 'supervisor' | 'workstation_admin')[]; active: boolean; servicePoints: string[]; passwordVerifier: string | null }>,
) => ({
  kind: 'user' as const,
  id: staffNumber,
  deleted: false,
  data: {
    staffNumber,
    displayName: `伺服器 ${staffNumber}`,
    roles: data.roles ?? ['clerk'],
    servicePoints: data.servicePoints ?? ['SP1'],
    passwordVerifier: data.passwordVerifier === undefined ? null : data.passwordVerifier,
    active: data.active ?? true,
  },
});

describe('users from the central server (pull) sign in here offline', () => {
  let f: AuthFixture;
  let applier: ReturnType<typeof createPullApplier>;
  beforeEach(async () => {
    f = await authFixture('SP1');
    applier = createPullApplier(f.store, f.clock);
  });
  afterEach(() => f.cleanup());

  it('a user created on the server signs in with the server’s verifier, with the server’s roles', async () => {
    const verifier = await serverHash('server-made-pw-1', TEST_PASSWORD_PARAMS);
    applier.apply(pull([userChange('S0300', { roles: ['supervisor'], passwordVerifier: verifier })]));
    const u = await f.auth.signIn({ staffNumber: 'S0300', password: 'server-made-pw-1' });
    expect(u).toMatchObject({ staffNumber: 'S0300', displayName: '伺服器 S0300', roles: ['supervisor'] });
    expect(f.store.audit.recent(10).find((e) => e.action === 'user_import')?.details).toMatchObject({ source: 'sync', staffNumber: 'S0300', created: true });
    await expect(f.auth.signIn({ staffNumber: 'S0300', password: 'wrong-password' })).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('a later pull changes roles and password, deactivates, and a removal ends the account here', async () => {
    applier.apply(pull([userChange('C0400', { passwordVerifier: await serverHash('first-pw-1', TEST_PASSWORD_PARAMS) })]));
    applier.apply(
      pull([userChange('C0400', { roles: ['clerk', 'supervisor'], passwordVerifier: await serverHash('second-pw-2', TEST_PASSWORD_PARAMS) })], 'c2'),
    );
    await expect(f.auth.signIn({ staffNumber: 'C0400', password: 'first-pw-1' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect((await f.auth.signIn({ staffNumber: 'C0400', password: 'second-pw-2' })).roles).toEqual(['clerk', 'supervisor']);
    // Deactivated on the server: signed out at the next call, and refused after.
    applier.apply(pull([userChange('C0400', { active: false, passwordVerifier: await serverHash('second-pw-2', TEST_PASSWORD_PARAMS) })], 'c3'));
    expect(f.auth.status().user).toBeNull();
    await expect(f.auth.signIn({ staffNumber: 'C0400', password: 'second-pw-2' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    // Reactivated, then removed from this service point.
    applier.apply(pull([userChange('C0400', { passwordVerifier: await serverHash('second-pw-2', TEST_PASSWORD_PARAMS) })], 'c4'));
    await f.auth.signIn({ staffNumber: 'C0400', password: 'second-pw-2' });
    applier.apply(pull([{ kind: 'user', id: 'C0400', deleted: true, data: null }], 'c5'));
    await expect(f.auth.signIn({ staffNumber: 'C0400', password: 'second-pw-2' })).rejects.toMatchObject({ code: 'invalid_credentials' });
  });

  it('a user of another service point is refused here; a verifier a sign-in cannot afford is not stored', async () => {
    applier.apply(pull([userChange('C0500', { servicePoints: ['SP9'], passwordVerifier: await serverHash('other-sp-pw-1', TEST_PASSWORD_PARAMS) })]));
    await expect(f.auth.signIn({ staffNumber: 'C0500', password: 'other-sp-pw-1' })).rejects.toMatchObject({ code: 'wrong_service_point' });
    // 4 GiB of memory per sign-in: refused, so the account has no password here.
    const bomb = '$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA';
    applier.apply(pull([userChange('C0501', { passwordVerifier: bomb })], 'c2'));
    expect(f.store.db.prepare("SELECT password_verifier FROM users WHERE staff_number = 'C0501'").pluck().get()).toBeNull();
    await expect(f.auth.signIn({ staffNumber: 'C0501', password: 'anything-1' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(f.store.audit.recent(5).find((e) => e.action === 'user_import')?.details).toMatchObject({ staffNumber: 'C0501', verifierRefused: true });
  });

  it('applies with the cursor in one transaction: a change that cannot be written leaves the cursor where it was', () => {
    const before = f.store.db.prepare("SELECT value FROM sync_state WHERE key = 'pull.cursor'").pluck().get();
    applier.apply(pull([userChange('C0600', {})], 'c9'));
    f.store.db.exec("CREATE TRIGGER no_users BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => applier.apply(pull([userChange('C0601', {})], 'c10'))).toThrow();
    expect(f.store.db.prepare("SELECT value FROM sync_state WHERE key = 'pull.cursor'").pluck().get()).toBe('c9');
    expect(before).toBeUndefined();
  });
});
