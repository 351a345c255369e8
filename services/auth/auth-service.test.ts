import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/result';
import { AUTH_REFUSALS } from '../handlers/auth-handlers';
import { toApiError } from '../handlers/refusal-table';
import { rawPublicKeyBase64, signEnrolmentFile } from './enrolment-file';
import { hashPassword } from './password-verifier';
import { authFixture, TEST_PASSWORD_PARAMS, TEST_SETUP_CODE, type AuthFixture } from './test-support';

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<{ code: string; key?: string; params?: unknown }> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (raw) {
    // As the user reads it: the service's refusal through auth's one table.
    const e = toApiError(AUTH_REFUSALS, raw);
    if (e instanceof ApiError) return { code: e.code, key: e.messageKey, params: e.params };
    throw e;
  }
  throw new Error('expected an error');
}

const actions = (f: AuthFixture) => f.store.audit.recent(200).map((e) => `${e.action}:${e.actor}`);

describe('auth service', () => {
  let f: AuthFixture;
  beforeEach(async () => {
    f = await authFixture();
  });
  afterEach(() => f.cleanup());

  it('first run creates the administrator once, then refuses', async () => {
    expect(f.auth.status().setupNeeded).toBe(true);
    const admin = await f.auth.setupFirstAdmin({ staffNumber: 'A1', displayName: '管理員', password: 'admin-pass-1', setupCode: TEST_SETUP_CODE });
    expect(admin.roles).toEqual(['workstation_admin']);
    expect(f.auth.status()).toMatchObject({ setupNeeded: false, user: { staffNumber: 'A1' } });
    expect(await errorOf(f.auth.setupFirstAdmin({ staffNumber: 'A2', displayName: 'x', password: 'admin-pass-2', setupCode: TEST_SETUP_CODE }))).toMatchObject({
      code: 'conflict',
      key: 'auth.error.setupDone',
    });
  });

  it('signs in offline with staff number and password; a wrong password is refused and audited', async () => {
    await f.addUser('C1', ['clerk']);
    expect(await errorOf(f.auth.signIn({ staffNumber: 'C1', password: 'nope' }))).toMatchObject({ code: 'unauthorised', params: { remaining: 4 } });
    expect(await errorOf(f.auth.signIn({ staffNumber: 'ZZ', password: 'nope' }))).toMatchObject({ code: 'unauthorised', key: 'auth.error.invalidCredentials' });
    const u = await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    expect(u.actor).toBe('staff:C1');
    expect(actions(f)).toEqual(expect.arrayContaining(['sign_in_failed:staff:C1', 'sign_in_failed:staff:ZZ', 'sign_in:staff:C1']));
  });

  it('locks the account after 5 failures for 15 minutes, even for the right password', async () => {
    await f.addUser('C1', ['clerk']);
    for (let i = 0; i < 4; i++) await errorOf(f.auth.signIn({ staffNumber: 'C1', password: 'bad' }));
    expect(await errorOf(f.auth.signIn({ staffNumber: 'C1', password: 'bad' }))).toMatchObject({ code: 'forbidden', key: 'auth.error.lockedOut' });
    expect(await errorOf(f.auth.signIn({ staffNumber: 'C1', password: 'password-1' }))).toMatchObject({ key: 'auth.error.lockedOut' });
    expect(actions(f)).toContain('lockout:staff:C1');
    f.clock.advanceMinutes(16);
    expect((await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' })).staffNumber).toBe('C1');
  });

  it('parallel sign-ins cannot pass the failure limit: each try is counted before its password is checked (issue 12 item 3)', async () => {
    await f.addUser('C1', ['clerk']);
    // The attack: 19 wrong tries and the right one, all at once, with a limit of 5.
    const tries = [...Array.from({ length: 19 }, () => 'wrong-guess'), 'password-1'].map((password) => errorOf(f.auth.signIn({ staffNumber: 'C1', password })));
    const results = await Promise.allSettled(tries);
    const keys = results.map((r) => (r.status === 'fulfilled' ? r.value.key : 'signed-in'));
    expect(keys.filter((k) => k === 'auth.error.invalidCredentials').length).toBeLessThanOrEqual(4);
    expect(keys.filter((k) => k === 'auth.error.lockedOut').length).toBeGreaterThanOrEqual(15);
    // The right password came after the limit: no session, and the account is locked.
    expect(keys.at(-1)).toBe('auth.error.lockedOut');
    expect(f.auth.status().user).toBeNull();
    expect(f.store.audit.recent(200).filter((e) => e.action === 'sign_in_failed' && e.details['reason'] === 'wrong_password').length).toBeLessThanOrEqual(5);
  });

  it("a clerk's wrong elevation tries lock the elevation at that desk, not the supervisor's own sign-in (issue 12 item 3)", async () => {
    await f.addUser('C1', ['clerk']);
    await f.addUser('S1', ['supervisor']);
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    for (let i = 0; i < 4; i++)
      expect(await errorOf(f.auth.elevate({ staffNumber: 'S1', password: 'guess', mode: 'one_decision' }))).toMatchObject({
        key: 'auth.error.invalidCredentials',
      });
    expect(await errorOf(f.auth.elevate({ staffNumber: 'S1', password: 'guess', mode: 'one_decision' }))).toMatchObject({ key: 'auth.error.lockedOut' });
    // Locked for elevation here, even with the right password, until the lockout time passes.
    expect(await errorOf(f.auth.elevate({ staffNumber: 'S1', password: 'password-1', mode: 'one_decision' }))).toMatchObject({ key: 'auth.error.lockedOut' });
    expect(actions(f)).toContain('lockout:staff:S1');
    // The supervisor's account is not locked: they sign in at their own workstation as usual.
    expect((await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' })).staffNumber).toBe('S1');
  });

  it('refuses staff of another service point', async () => {
    await f.addUser('C9', ['clerk'], 'password-1', ['OTHER']);
    expect(await errorOf(f.auth.signIn({ staffNumber: 'C9', password: 'password-1' }))).toMatchObject({
      code: 'forbidden',
      key: 'auth.error.wrongServicePoint',
    });
  });

  it('locks after the idle time; only the same user unlocks, and the session stays', async () => {
    await f.addUser('C1', ['clerk']);
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    f.clock.advanceMinutes(4);
    expect(f.auth.requireUser().staffNumber).toBe('C1');
    f.clock.advanceMinutes(5);
    expect(await errorOf(() => f.auth.requireUser())).toMatchObject({ code: 'unauthorised', key: 'auth.error.locked' });
    expect(f.auth.status()).toMatchObject({ locked: true, user: { staffNumber: 'C1' } });
    expect(await errorOf(f.auth.unlock('wrong'))).toMatchObject({ code: 'unauthorised' });
    await f.auth.unlock('password-1');
    expect(f.auth.requireUser().staffNumber).toBe('C1');
    expect(actions(f)).toEqual(expect.arrayContaining(['lock:staff:C1', 'unlock:staff:C1']));
  });

  it('the idle time is an administrator setting; renderer activity (touch) keeps the screen open', async () => {
    await f.auth.setupFirstAdmin({ staffNumber: 'A1', displayName: '管理員', password: 'admin-pass-1', setupCode: TEST_SETUP_CODE });
    f.auth.setSetting('auth.idleMinutes', 1);
    expect(f.auth.settings().idleMinutes).toBe(1);
    f.clock.advanceMinutes(0.9);
    f.auth.touch();
    f.clock.advanceMinutes(0.9);
    expect(f.auth.status().locked).toBe(false);
    f.clock.advanceMinutes(0.2);
    expect(f.auth.status().locked).toBe(true);
    expect(f.store.audit.recent(50).find((e) => e.action === 'lock')?.details).toMatchObject({ reason: 'idle' });
    expect(f.store.audit.recent(50).some((e) => e.action === 'settings_change' && e.details.key === 'auth.idleMinutes')).toBe(true);
  });

  it('a new sign-in ends the previous user’s session; sign-out leaves nobody signed in', async () => {
    await f.addUser('C1', ['clerk']);
    await f.addUser('C2', ['clerk']);
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    f.auth.lock();
    await f.auth.signIn({ staffNumber: 'C2', password: 'password-1' });
    expect(f.auth.requireUser().staffNumber).toBe('C2');
    f.auth.signOut();
    expect(await errorOf(() => f.auth.requireUser())).toMatchObject({ key: 'auth.error.notSignedIn' });
    const ended = f.store.db.prepare('SELECT end_reason FROM sessions ORDER BY created_at').pluck().all();
    expect(ended).toEqual(['replaced', 'sign_out']);
  });

  it('a password change replaces the verifier and leaves an outbox row for sync', async () => {
    await f.addUser('C1', ['clerk']);
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    expect(await errorOf(f.auth.changePassword({ current: 'password-1', next: 'short' }))).toMatchObject({ key: 'auth.error.weakPassword' });
    await f.auth.changePassword({ current: 'password-1', next: 'new-password-2' });
    f.auth.signOut();
    await errorOf(f.auth.signIn({ staffNumber: 'C1', password: 'password-1' }));
    await f.auth.signIn({ staffNumber: 'C1', password: 'new-password-2' });
    expect(f.store.outbox.pending().map((o) => o.topic)).toContain('user.password_changed');
    expect(actions(f)).toContain('password_change:staff:C1');
  });

  it('a supervisor signs in on top for one decision; only supervisors may', async () => {
    await f.addUser('C1', ['clerk']);
    await f.addUser('C2', ['clerk']);
    await f.addUser('S1', ['supervisor']);
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    expect(await errorOf(f.auth.elevate({ staffNumber: 'C2', password: 'password-1', mode: 'one_decision' }))).toMatchObject({
      key: 'auth.error.notSupervisor',
    });
    await f.auth.elevate({ staffNumber: 'S1', password: 'password-1', mode: 'one_decision' });
    const d = f.auth.decider();
    expect([d.user.staffNumber, d.onSessionOf?.staffNumber]).toEqual(['S1', 'C1']);
    f.auth.consumeElevation();
    expect(f.auth.decider().user.staffNumber).toBe('C1');
    const elev = f.store.audit.recent(50).find((e) => e.action === 'elevation');
    expect(elev).toMatchObject({ actor: 'staff:S1', details: { onSessionOf: 'staff:C1' } });
  });

  it('a refused elevation by a supervisor of another service point is audited', async () => {
    await f.addUser('C1', ['clerk']);
    await f.addUser('S9', ['supervisor'], 'password-1', ['OTHER']);
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    expect(await errorOf(f.auth.elevate({ staffNumber: 'S9', password: 'password-1', mode: 'window' }))).toMatchObject({ key: 'auth.error.wrongServicePoint' });
    const e = f.store.audit.recent(20).find((x) => x.action === 'sign_in_failed');
    expect(e).toMatchObject({ actor: 'staff:S9', details: { purpose: 'elevation', reason: 'wrong_service_point', onSessionOf: 'staff:C1' } });
  });

  it('a lock records its reason: the idle timer’s lock is not logged as manual', async () => {
    await f.addUser('C1', ['clerk']);
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    f.auth.lock('idle');
    await f.auth.unlock('password-1');
    f.auth.lock();
    const reasons = f.store.audit
      .recent(20)
      .filter((e) => e.action === 'lock')
      .map((e) => e.details.reason);
    expect(reasons.sort()).toEqual(['idle', 'manual']);
  });

  it('a window elevation expires', async () => {
    await f.addUser('C1', ['clerk']);
    await f.addUser('S1', ['supervisor']);
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    await f.auth.elevate({ staffNumber: 'S1', password: 'password-1', mode: 'window' });
    f.auth.consumeElevation();
    expect(f.auth.decider().user.staffNumber).toBe('S1');
    f.clock.advanceMinutes(4.9);
    expect(f.auth.decider().user.staffNumber).toBe('S1');
    f.clock.advanceMinutes(0.2);
    expect(f.auth.decider().user.staffNumber).toBe('C1');
  });

  describe('enrolment file import', () => {
    const authority = generateKeyPairSync('ed25519');
    beforeEach(async () => {
      // The authority's key is pinned by the machine configuration (issue 12 item 2), not set in the app.
      f.cleanup();
      f = await authFixture('SP1', { enrolmentAuthorityKey: rawPublicKeyBase64(authority.publicKey) });
      await f.auth.setupFirstAdmin({ staffNumber: 'A1', displayName: '管理員', password: 'admin-pass-1', setupCode: TEST_SETUP_CODE });
    });

    const file = async () =>
      signEnrolmentFile(
        {
          authority: 'IACM',
          issuedAt: '2026-11-23T08:00:00Z',
          users: [
            {
              staffNumber: 'S7',
              displayName: '主管七',
              roles: ['supervisor'],
              servicePoints: ['SP1'],
              passwordVerifier: await hashPassword('sup-pass-7', TEST_PASSWORD_PARAMS),
              active: true,
            },
          ],
        },
        authority.privateKey,
      );

    it('needs the authority key pinned by the machine configuration', async () => {
      const unpinned = await authFixture('SP1');
      try {
        await unpinned.auth.setupFirstAdmin({ staffNumber: 'A1', displayName: '管理員', password: 'admin-pass-1', setupCode: TEST_SETUP_CODE });
        expect(await errorOf(async () => unpinned.auth.importEnrolment(await file()))).toMatchObject({ key: 'auth.error.enrolmentNoKey' });
      } finally {
        unpinned.cleanup();
      }
    });

    it('imports a signed file and the users can sign in', async () => {
      expect(f.auth.importEnrolment(await file())).toEqual({ created: 1, updated: 0 });
      await f.auth.signIn({ staffNumber: 'S7', password: 'sup-pass-7' });
      expect(f.auth.requireUser().roles).toEqual(['supervisor']);
    });

    it('refuses a tampered file and changes nothing', async () => {
      const tampered = (await file()).replace('supervisor', 'workstation_admin');
      expect(await errorOf(() => f.auth.importEnrolment(tampered))).toMatchObject({ code: 'refused', key: 'auth.error.enrolmentTampered' });
      expect(f.auth.listUsers().map((u) => u.staffNumber)).toEqual(['A1']);
    });

    const fileOf = async (issuedAt: string, active: boolean) =>
      signEnrolmentFile(
        {
          authority: 'IACM',
          issuedAt,
          users: [
            {
              staffNumber: 'C7',
              displayName: '職員七',
              roles: ['clerk'],
              servicePoints: ['SP1'],
              passwordVerifier: await hashPassword('initial-pw-1', TEST_PASSWORD_PARAMS),
              active,
            },
          ],
        },
        authority.privateKey,
      );
    const signsIn = async (password: string) => {
      try {
        await f.auth.signIn({ staffNumber: 'C7', password });
        return true;
      } catch {
        return false;
      } finally {
        await f.auth.signIn({ staffNumber: 'A1', password: 'admin-pass-1' });
      }
    };

    it('refuses a file not newer than the last one imported: replaying an old file cannot undo a deactivation', async () => {
      const older = await fileOf('2026-01-01T00:00:00Z', true);
      f.auth.importEnrolment(older);
      f.auth.importEnrolment(await fileOf('2026-02-01T00:00:00+08:00', false));
      expect(await errorOf(() => f.auth.importEnrolment(older))).toMatchObject({
        code: 'refused',
        key: 'auth.error.enrolmentNotNewer',
        params: { issuedAt: '2026-01-01T00:00:00Z', lastIssuedAt: '2026-02-01T00:00:00+08:00' },
      });
      // The same file again is not newer either.
      expect(await errorOf(async () => f.auth.importEnrolment(await fileOf('2026-02-01T00:00:00+08:00', true)))).toMatchObject({
        key: 'auth.error.enrolmentNotNewer',
      });
      expect(await signsIn('initial-pw-1')).toBe(false);
      expect(f.store.audit.recent(50).find((e) => e.action === 'user_import')?.details).toMatchObject({ refused: 'not_newer' });
      // A newer file is imported as before.
      expect(f.auth.importEnrolment(await fileOf('2026-03-01T00:00:00Z', true))).toEqual({ created: 0, updated: 1 });
      expect(await signsIn('initial-pw-1')).toBe(true);
    });

    it('keeps a password the user changed here after the file was issued; a later file’s reset wins', async () => {
      f.auth.importEnrolment(await fileOf('2026-11-23T08:00:00Z', true));
      await f.auth.signIn({ staffNumber: 'C7', password: 'initial-pw-1' });
      await f.auth.changePassword({ current: 'initial-pw-1', next: 'my-new-secret-9' });
      await f.auth.signIn({ staffNumber: 'A1', password: 'admin-pass-1' });
      // Issued before the change (the fixture clock is at 09:00): the local password stays.
      f.auth.importEnrolment(await fileOf('2026-11-23T08:30:00Z', true));
      expect(await signsIn('my-new-secret-9')).toBe(true);
      expect(await signsIn('initial-pw-1')).toBe(false);
      // Issued after the change: the authority reset the password on purpose.
      f.auth.importEnrolment(await fileOf('2026-11-23T10:00:00Z', true));
      expect(await signsIn('initial-pw-1')).toBe(true);
      expect(await signsIn('my-new-secret-9')).toBe(false);
    });

    it('a user deactivated by an import is signed out at their next call', async () => {
      f.auth.importEnrolment(await fileOf('2026-11-23T08:00:00Z', true));
      await f.auth.signIn({ staffNumber: 'C7', password: 'initial-pw-1' });
      // Another workstation's admin session is not needed: the store is what the import changes.
      f.store.db.prepare("UPDATE users SET active = 0 WHERE staff_number = 'C7'").run();
      expect(await errorOf(() => f.auth.requireUser())).toMatchObject({ key: 'auth.error.notSignedIn' });
      expect(f.auth.status().user).toBeNull();
      expect(f.store.audit.recent(20).find((e) => e.action === 'sign_out')?.details).toMatchObject({ reason: 'deactivated' });
    });

    it('only an administrator may import', async () => {
      await f.addUser('C1', ['clerk']);
      await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
      expect(await errorOf(async () => f.auth.importEnrolment(await file()))).toMatchObject({ code: 'forbidden' });
    });
  });
});
