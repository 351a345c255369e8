import type { Role } from '../../domain/workflow';
import { staffLabel } from '../../domain/model/staff-label';
import type { Clock } from '../core/clock';
import { Refusal } from '../core/refusal';
import type { Store } from '../store';
import { createAuthSettings, type AuthNumberSettingKey, AUTH_SETTING_DEFAULTS } from './auth-settings';
import { EnrolmentError, verifyEnrolmentFile } from './enrolment-file';
import { enrolmentState } from '../workstation/enrolment-state';
import { createPulledSettings } from '../workstation/pulled-settings';
import { NO_TRUST_ANCHORS, setupCodeMatches, type SetupCodeSource, type TrustAnchors } from '../workstation/machine-config';
import { dummyVerifier, hashPassword, MIN_PASSWORD_LENGTH, PASSWORD_PARAMS, verifyPassword, type PasswordParams } from './password-verifier';
import { actorOf, type SessionState, type SignedInUser } from './session-state';
import { createSessionsRepo, createUsersRepo, type UserRecord } from './users-repo';

export interface AuthServiceDeps {
  store: Store;
  workstationId: string;
  servicePoint: string;
  session: SessionState;
  /** The core's one clock (services/core/clock.ts). */
  clock: Clock;
  /** Tests use cheap parameters; production uses PASSWORD_PARAMS. */
  passwordParams?: PasswordParams;
  /**
   * What only the OS administrator sets (services/workstation/machine-config.ts, issue 12 item 2):
   * the enrolment authority's key and the hash of the one-time first-run setup code. Null: not
   * set, so no enrolment file is imported / nobody can set the workstation up.
   */
  trust?: TrustAnchors;
  /** Once enrolled with the central server, users arrive by sync: signed files are no longer imported. */
  managedCentrally?: () => boolean;
  /** The service point the central server enrolled this workstation for: its users sign in here too. */
  enrolledServicePoint?: () => string | null;
}

/**
 * Told when a person proves their password here and when they leave, so the sync worker can
 * sign them in to the central server through this workstation (docs/sync-protocol.md §4). Never
 * awaited: signing in at the counter does not wait for the server.
 */
export interface SignInObserver {
  proven(staffNumber: string, password: string): void;
  ended(staffNumber: string): void;
}

export type ElevationMode = 'one_decision' | 'window';
export type LockReason = 'idle' | 'manual';

export interface AuthStatus {
  setupNeeded: boolean;
  user: SignedInUser | null;
  locked: boolean;
  idleMinutes: number;
  elevation: { user: SignedInUser; until: string; decisionsLeft: number | null } | null;
  workstationId: string;
  servicePoint: string;
  /** Only meaningful while setupNeeded: where the one-time setup code is to be found. */
  setupCodeSource: SetupCodeSource;
  /** After first-run setup: the administrator enrols with the central server or chooses to stay standalone (issue 15). */
  firstRunEnrolment: boolean;
}

/** Wrong setup codes before setup is refused until the core restarts (a restart needs the OS, not the app). */
export const MAX_SETUP_CODE_FAILURES = 10;

const toSignedIn = (u: UserRecord): SignedInUser => ({
  userId: u.id,
  staffNumber: u.staffNumber,
  displayName: u.displayName,
  roles: u.roles,
  servicePoints: u.servicePoints,
  actor: actorOf(u.staffNumber),
});

/** Refusals of every call made for the signed-in user (requireUser): every area says them. */
export type SessionRefusalCode = 'not_signed_in' | 'screen_locked' | 'role_not_allowed' | 'password_change_required';

/** Why sign-in, elevation or user administration said no; services/handlers/auth-handlers.ts says it. */
export type AuthRefusalCode =
  | SessionRefusalCode
  | 'invalid_credentials'
  | 'locked_out'
  | 'wrong_service_point'
  | 'setup_done'
  | 'setup_code_invalid'
  | 'setup_code_unavailable'
  | 'managed_centrally'
  | 'setting_managed_centrally'
  | 'weak_password'
  | 'same_password'
  | 'not_supervisor'
  | 'enrolment_no_key'
  | 'enrolment_unsigned'
  | 'enrolment_tampered'
  | 'enrolment_malformed'
  | 'enrolment_not_newer';

const refusal = (code: AuthRefusalCode, message: string, params?: Record<string, string | number>) => new Refusal(code, message, params);
const notSignedIn = () => refusal('not_signed_in', 'Not signed in');
const lockedError = () => refusal('screen_locked', 'Screen locked');

/**
 * Sign-in, lock, elevation and user administration for one workstation, verified offline
 * against argon2id verifiers in the encrypted store. Every sign-in, failure, lockout, lock,
 * unlock, elevation and password change is written to the audit log.
 */
export function createAuthService(deps: AuthServiceDeps) {
  const { store, session } = deps;
  const { clock } = deps;
  const trust = deps.trust ?? NO_TRUST_ANCHORS;
  const enrolledServicePoint = deps.enrolledServicePoint ?? enrolmentState(store).servicePoint;
  const now = () => clock().toISOString();
  const params = deps.passwordParams ?? PASSWORD_PARAMS;
  const users = createUsersRepo(store.db, now);
  const sessions = createSessionsRepo(store.db, deps.workstationId, now);
  const settings = createAuthSettings(store.db, now);
  const serverSettings = createPulledSettings(store, now);
  const tx = <T>(fn: () => T): T => store.db.transaction(fn).immediate();
  const mustChangePassword = store.db.prepare<[string], number>('SELECT must_change_password FROM users WHERE id = ?').pluck();

  tx(() => sessions.endAll('restart'));
  let setupCodeFailures = 0;
  let observer: SignInObserver | null = null;

  const userOrThrow = (id: string): UserRecord => {
    const u = users.byId(id);
    if (!u) throw notSignedIn();
    return u;
  };

  /**
   * Failed attempts towards a lockout. A user's own sign-in, unlock, password change and
   * re-authentication count on their account; elevation attempts typed at someone else's
   * session count apart, for this core only: five wrong tries at a clerk's desk lock the
   * elevation there, never the supervisor out of their own workstation (issue 12 item 3).
   */
  interface AttemptLedger {
    read(): { failedAttempts: number; lockedUntil: string | null };
    record(lockedUntil: string | null): void;
    reset(): void;
  }
  const elevationFailures = new Map<string, { failedAttempts: number; lockedUntil: string | null }>();
  const accountLedger = (user: UserRecord): AttemptLedger => ({
    read: () => {
      const u = users.byId(user.id);
      return { failedAttempts: u?.failedAttempts ?? 0, lockedUntil: u?.lockedUntil ?? null };
    },
    record: (lockedUntil) => users.recordFailure(user.id, lockedUntil),
    reset: () => users.resetFailures(user.id),
  });
  const elevationLedger = (user: UserRecord): AttemptLedger => ({
    read: () => elevationFailures.get(user.id) ?? { failedAttempts: 0, lockedUntil: null },
    // As the account's: reaching the limit locks and starts the count afresh.
    record: (lockedUntil) =>
      elevationFailures.set(user.id, { failedAttempts: lockedUntil ? 0 : (elevationFailures.get(user.id)?.failedAttempts ?? 0) + 1, lockedUntil }),
    reset: () => elevationFailures.delete(user.id),
  });

  /**
   * The one place a password is checked: lockout first, then the attempt is reserved (counted
   * as failed) before the slow verification, so parallel tries cannot all pass a stale count
   * (issue 12 item 3); a right password gives the reservation back.
   */
  async function checkPassword(staffNumber: string, password: string, purpose: string): Promise<UserRecord> {
    const user = users.byStaffNumber(staffNumber);
    const actor = actorOf(staffNumber);
    const max = settings.get('auth.maxFailures');
    if (!user || !user.active || !user.passwordVerifier) {
      await verifyPassword(password, await dummyVerifier(params));
      tx(() => store.audit.append({ actor, action: 'sign_in_failed', details: { purpose, reason: 'unknown_or_inactive' } }));
      throw refusal('invalid_credentials', 'Wrong staff number or password', { remaining: max - 1 });
    }
    const ledger = purpose === 'elevation' ? elevationLedger(user) : accountLedger(user);
    const nowMs = clock().getTime();
    const lockMinutes = settings.get('auth.lockoutMinutes');
    // Read and reserve in one synchronous step (no await in between): every concurrent try sees the ones before it.
    const reservation = tx(() => {
      const state = ledger.read();
      if (state.lockedUntil && Date.parse(state.lockedUntil) > nowMs) {
        store.audit.append({ actor, action: 'sign_in_failed', details: { purpose, reason: 'locked_out', lockedUntil: state.lockedUntil } });
        return { locked: Math.ceil((Date.parse(state.lockedUntil) - nowMs) / 60_000) };
      }
      const attempts = state.failedAttempts + 1;
      const lockedUntil = attempts >= max ? new Date(nowMs + lockMinutes * 60_000).toISOString() : null;
      ledger.record(lockedUntil);
      return { attempts, lockedUntil };
    });
    if (reservation.locked !== undefined) throw refusal('locked_out', 'Account locked', { minutes: reservation.locked });
    const { attempts, lockedUntil } = reservation;
    if (await verifyPassword(password, user.passwordVerifier)) {
      tx(() => ledger.reset());
      return user;
    }
    tx(() => {
      store.audit.append({ actor, action: 'sign_in_failed', details: { purpose, reason: 'wrong_password', attempts } });
      if (lockedUntil) store.audit.append({ actor, action: 'lockout', details: { attempts, lockedUntil, ...(purpose === 'elevation' ? { purpose } : {}) } });
    });
    if (lockedUntil) throw refusal('locked_out', 'Account locked', { minutes: lockMinutes });
    throw refusal('invalid_credentials', 'Wrong staff number or password', { remaining: max - attempts });
  }

  function belongsHere(u: UserRecord): boolean {
    const enrolled = enrolledServicePoint();
    return u.servicePoints.includes(deps.servicePoint) || (enrolled !== null && u.servicePoints.includes(enrolled));
  }

  function startSession(u: UserRecord): SignedInUser {
    const user = toSignedIn(u);
    tx(() => {
      const prev = session.current;
      if (prev) {
        if (prev.user.staffNumber !== user.staffNumber) observer?.ended(prev.user.staffNumber);
        sessions.end(prev.sessionId, 'replaced');
        store.audit.append({ actor: prev.user.actor, action: 'sign_out', details: { reason: 'replaced', by: user.actor } });
      }
      const sessionId = sessions.open(u.id);
      session.current = { sessionId, user, signedInAt: now(), lastActivityMs: clock().getTime(), locked: false };
      session.elevation = null;
      store.audit.append({ actor: user.actor, action: 'sign_in', details: { sessionId, workstationId: deps.workstationId, servicePoint: deps.servicePoint } });
    });
    return user;
  }

  /** Locks the screen if the user was idle too long; the form stays as it was in the renderer. */
  function applyIdleLock(): void {
    const cur = session.current;
    if (!cur || cur.locked) return;
    const idleMs = settings.get('auth.idleMinutes') * 60_000;
    if (clock().getTime() - cur.lastActivityMs >= idleMs) lock('idle');
  }

  function lock(reason: LockReason): void {
    const cur = session.current;
    if (!cur || cur.locked) return;
    cur.locked = true;
    session.elevation = null;
    tx(() => {
      sessions.seen(cur.sessionId);
      store.audit.append({ actor: cur.user.actor, action: 'lock', details: { reason, sessionId: cur.sessionId } });
    });
  }

  function elevationNow(): SessionState['elevation'] {
    const e = session.elevation;
    if (e && (e.untilMs <= clock().getTime() || e.decisionsLeft === 0 || !users.byId(e.user.userId)?.active)) session.elevation = null;
    return session.elevation;
  }

  /**
   * An enrolment import can deactivate a user who is signed in right now: their session ends
   * at their next call instead of lasting until they sign out.
   */
  function endSessionIfDeactivated(): void {
    const cur = session.current;
    if (!cur || users.byId(cur.user.userId)?.active) return;
    observer?.ended(cur.user.staffNumber);
    tx(() => {
      sessions.end(cur.sessionId, 'deactivated');
      store.audit.append({ actor: cur.user.actor, action: 'sign_out', details: { reason: 'deactivated', sessionId: cur.sessionId } });
    });
    session.current = null;
    session.elevation = null;
  }

  return {
    status(): AuthStatus {
      endSessionIfDeactivated();
      applyIdleLock();
      const e = elevationNow();
      return {
        setupNeeded: users.count() === 0,
        user: session.current?.user ?? null,
        locked: session.current?.locked ?? false,
        idleMinutes: settings.get('auth.idleMinutes'),
        elevation: e ? { user: e.user, until: new Date(e.untilMs).toISOString(), decisionsLeft: e.decisionsLeft } : null,
        workstationId: deps.workstationId,
        servicePoint: deps.servicePoint,
        setupCodeSource: trust.setupCodeSource,
        firstRunEnrolment: settings.get('auth.firstRunEnrolmentPending') && !(deps.managedCentrally?.() ?? false),
      };
    },

    /**
     * First run only: creates the workstation administrator and signs them in. The one-time
     * setup code (installer / machine configuration) proves the person was given the
     * workstation, not merely the first to reach it (issue 12 item 2).
     */
    async setupFirstAdmin(input: { staffNumber: string; displayName: string; password: string; setupCode: string }): Promise<SignedInUser> {
      if (users.count() > 0) throw refusal('setup_done', 'Users already exist');
      const expected = trust.setupCodeSha256;
      const audit = (reason: string) =>
        tx(() =>
          store.audit.append({
            actor: actorOf(input.staffNumber),
            action: 'sign_in_failed',
            details: { purpose: 'first_run_setup', reason, failures: setupCodeFailures },
          }),
        );
      if (expected === null || setupCodeFailures >= MAX_SETUP_CODE_FAILURES) {
        audit(expected === null ? 'no_setup_code' : 'too_many_wrong_codes');
        throw refusal('setup_code_unavailable', 'No first-run setup code is available', { path: trust.machineConfig.path });
      }
      if (!setupCodeMatches(input.setupCode, expected)) {
        setupCodeFailures += 1;
        audit('wrong_code');
        throw refusal('setup_code_invalid', 'Wrong setup code', { remaining: MAX_SETUP_CODE_FAILURES - setupCodeFailures });
      }
      if (input.password.length < MIN_PASSWORD_LENGTH) throw refusal('weak_password', 'Password too short', { min: MIN_PASSWORD_LENGTH });
      const verifier = await hashPassword(input.password, params);
      const id = tx(() => {
        if (users.count() > 0) throw refusal('setup_done', 'Users already exist');
        const r = users.upsert({
          staffNumber: input.staffNumber,
          displayName: input.displayName,
          roles: ['workstation_admin'],
          servicePoints: [deps.servicePoint],
          passwordVerifier: verifier,
          active: true,
        });
        store.audit.append({
          actor: actorOf(input.staffNumber),
          action: 'user_create',
          subjectId: r.id,
          details: { roles: ['workstation_admin'], firstRun: true },
        });
        store.outbox.enqueue('user.created', r.id, { staffNumber: input.staffNumber, roles: ['workstation_admin'], servicePoints: [deps.servicePoint] });
        // Next on the first run: connect to the central server, or say this workstation stays standalone.
        settings.set('auth.firstRunEnrolmentPending', true, actorOf(input.staffNumber));
        return r.id;
      });
      return startSession(userOrThrow(id));
    },

    async signIn(input: { staffNumber: string; password: string }): Promise<SignedInUser> {
      const u = await checkPassword(input.staffNumber, input.password, 'sign_in');
      if (!belongsHere(u)) {
        tx(() =>
          store.audit.append({
            actor: actorOf(u.staffNumber),
            action: 'sign_in_failed',
            details: { reason: 'wrong_service_point', servicePoint: deps.servicePoint },
          }),
        );
        throw refusal('wrong_service_point', 'Not of this service point');
      }
      const user = startSession(u);
      observer?.proven(u.staffNumber, input.password);
      return user;
    },

    signOut(): void {
      const cur = session.current;
      if (!cur) return;
      observer?.ended(cur.user.staffNumber);
      if (session.elevation) observer?.ended(session.elevation.user.staffNumber);
      tx(() => {
        sessions.end(cur.sessionId, 'sign_out');
        store.audit.append({ actor: cur.user.actor, action: 'sign_out', details: { sessionId: cur.sessionId } });
      });
      session.current = null;
      session.elevation = null;
    },

    /** The renderer's idle timer says 'idle', the lock button 'manual': the audit tells them apart. */
    lock: (reason: LockReason = 'manual') => lock(reason),

    /** Only the same user may unlock: anyone else signs in, which ends this session. */
    async unlock(password: string): Promise<SignedInUser> {
      const cur = session.current;
      if (!cur) throw notSignedIn();
      await checkPassword(cur.user.staffNumber, password, 'unlock');
      observer?.proven(cur.user.staffNumber, password);
      cur.locked = false;
      cur.lastActivityMs = clock().getTime();
      tx(() => store.audit.append({ actor: cur.user.actor, action: 'unlock', details: { sessionId: cur.sessionId } }));
      return cur.user;
    },

    /** For every call made on behalf of the signed-in user: refuses when signed out or locked, and counts as activity. */
    requireUser(roles?: readonly Role[], opts: { passwordChange?: boolean } = {}): SignedInUser {
      endSessionIfDeactivated();
      applyIdleLock();
      const cur = session.current;
      if (!cur) throw notSignedIn();
      if (cur.locked) throw lockedError();
      // A password an administrator typed is known to two people: nothing else until it is replaced (issue 13, item 1).
      if (!opts.passwordChange && mustChangePassword.get(cur.user.userId) === 1) throw refusal('password_change_required', 'Password change required');
      cur.lastActivityMs = clock().getTime();
      if (roles && !roles.some((r) => cur.user.roles.includes(r))) throw refusal('role_not_allowed', 'Role not allowed');
      return cur.user;
    },

    /** Renderer activity (typing, scrolling) that did not call the core. */
    touch(): void {
      applyIdleLock();
      const cur = session.current;
      if (cur && !cur.locked) cur.lastActivityMs = clock().getTime();
    },

    async changePassword(input: { current: string; next: string }): Promise<void> {
      const me = this.requireUser(undefined, { passwordChange: true });
      if (input.next.length < MIN_PASSWORD_LENGTH) throw refusal('weak_password', 'Password too short', { min: MIN_PASSWORD_LENGTH });
      if (input.next === input.current) throw refusal('same_password', 'Same password');
      await checkPassword(me.staffNumber, input.current, 'password_change');
      const verifier = await hashPassword(input.next, params);
      tx(() => {
        users.setPassword(me.userId, verifier);
        // Sync carries the new verifier to the central API and other workstations.
        store.outbox.enqueue('user.password_changed', me.userId, { staffNumber: me.staffNumber, passwordVerifier: verifier, changedAt: now() });
        store.audit.append({ actor: me.actor, action: 'password_change', subjectId: me.userId });
      });
    },

    /**
     * A supervisor signs in on top of the current (clerk's) session, for one decision or a
     * short window. Decisions made meanwhile carry both identities.
     */
    async elevate(input: { staffNumber: string; password: string; mode: ElevationMode }): Promise<SignedInUser> {
      const base = this.requireUser();
      const u = await checkPassword(input.staffNumber, input.password, 'elevation');
      if (!u.roles.includes('supervisor')) {
        tx(() =>
          store.audit.append({
            actor: actorOf(u.staffNumber),
            action: 'sign_in_failed',
            details: { purpose: 'elevation', reason: 'not_supervisor', onSessionOf: base.actor },
          }),
        );
        throw refusal('not_supervisor', 'Not a supervisor');
      }
      if (!belongsHere(u)) {
        tx(() =>
          store.audit.append({
            actor: actorOf(u.staffNumber),
            action: 'sign_in_failed',
            details: { purpose: 'elevation', reason: 'wrong_service_point', servicePoint: deps.servicePoint, onSessionOf: base.actor },
          }),
        );
        throw refusal('wrong_service_point', 'Not of this service point');
      }
      const user = toSignedIn(u);
      observer?.proven(u.staffNumber, input.password);
      const minutes = input.mode === 'window' ? settings.get('auth.elevationMinutes') : 2;
      session.elevation = { user, untilMs: clock().getTime() + minutes * 60_000, decisionsLeft: input.mode === 'one_decision' ? 1 : null, reviewed: new Set() };
      tx(() => store.audit.append({ actor: user.actor, action: 'elevation', details: { onSessionOf: base.actor, mode: input.mode, minutes } }));
      return user;
    },

    endElevation(): void {
      const e = session.elevation;
      session.elevation = null;
      if (e && e.user.staffNumber !== session.current?.user.staffNumber) observer?.ended(e.user.staffNumber);
      if (e && session.current) {
        tx(() =>
          store.audit.append({ actor: e.user.actor, action: 'sign_out', details: { reason: 'elevation_ended', onSessionOf: session.current?.user.actor } }),
        );
      }
    },

    /**
     * Who decides right now: the elevated supervisor if one signed in on top, else the
     * signed-in user. `onSessionOf` names the workstation's user when they differ.
     */
    decider(): { user: SignedInUser; onSessionOf: SignedInUser | null } {
      const base = this.requireUser();
      const e = elevationNow();
      return e ? { user: e.user, onSessionOf: base } : { user: base, onSessionOf: null };
    },

    /** The review of an application under the current elevation (approval.open): it may then be decided under it. */
    noteReviewedUnderElevation(applicationId: string): void {
      elevationNow()?.reviewed.add(applicationId);
    },

    /** Whether the current elevation's supervisor opened this application under it. */
    elevationCovers(applicationId: string): boolean {
      return elevationNow()?.reviewed.has(applicationId) ?? false;
    },

    /** Called after a decision made under elevation (one-decision mode then ends). */
    consumeElevation(): void {
      const e = session.elevation;
      if (e && e.decisionsLeft !== null) e.decisionsLeft -= 1;
      elevationNow();
    },

    /** Re-authentication for bulk approval: the decider's own password again. */
    async reauthenticate(password: string): Promise<{ user: SignedInUser; onSessionOf: SignedInUser | null }> {
      const d = this.decider();
      await checkPassword(d.user.staffNumber, password, 'reauthentication');
      observer?.proven(d.user.staffNumber, password);
      return d;
    },

    /** The sync worker's hook (app-core): people proving their password here, and leaving. */
    observeSignIns(o: SignInObserver): void {
      observer = o;
    },

    /** The administrator's first-run choice not to enrol with the central server (Settings can enrol later). */
    stayStandalone(): void {
      const me = this.requireUser(['workstation_admin']);
      tx(() => {
        const before = settings.set('auth.firstRunEnrolmentPending', false, me.actor);
        store.audit.append({
          actor: me.actor,
          action: 'settings_change',
          details: { key: 'auth.firstRunEnrolmentPending', from: before, to: false, choice: 'standalone' },
        });
      });
    },

    setSetting(key: AuthNumberSettingKey, value: number): void {
      const me = this.requireUser(['workstation_admin']);
      // Published by the central server (pull): it is changed there, for every counter alike.
      if (serverSettings.isServerManaged(key)) throw refusal('setting_managed_centrally', 'Set by the central server', { key });
      const v = Math.max(1, Math.min(Math.floor(value), key === 'auth.maxFailures' ? 20 : 240));
      tx(() => {
        const before = settings.set(key, v, me.actor);
        store.audit.append({ actor: me.actor, action: 'settings_change', details: { key, from: before, to: v } });
      });
    },

    settings: () => ({
      maxFailures: settings.get('auth.maxFailures'),
      lockoutMinutes: settings.get('auth.lockoutMinutes'),
      idleMinutes: settings.get('auth.idleMinutes'),
      elevationMinutes: settings.get('auth.elevationMinutes'),
      // Pinned by the machine configuration only: the key an administrator once typed into the
      // store (auth.enrolmentPublicKey, before issue 12 item 2) no longer counts.
      enrolmentKeyConfigured: trust.enrolmentAuthorityKey !== null,
      enrolmentKey: trust.enrolmentAuthorityKey,
      machineConfig: { ...trust.machineConfig },
      managedCentrally: deps.managedCentrally?.() ?? false,
    }),

    /**
     * Imports users from a file signed by the authority pinned in the machine configuration;
     * refuses unsigned or altered files, changing nothing. Once the workstation is enrolled with
     * the central server its users come by sync, and files are refused.
     */
    importEnrolment(text: string): { created: number; updated: number } {
      const me = this.requireUser(['workstation_admin']);
      if (deps.managedCentrally?.()) throw refusal('managed_centrally', 'Users come from the central server');
      const key = trust.enrolmentAuthorityKey;
      if (key === null) throw refusal('enrolment_no_key', 'No enrolment key');
      let payload;
      try {
        payload = verifyEnrolmentFile(text, key);
      } catch (e) {
        const problem = e instanceof EnrolmentError ? e.problem : 'malformed';
        tx(() => store.audit.append({ actor: me.actor, action: 'user_import', details: { refused: problem } }));
        const code: AuthRefusalCode =
          problem === 'unsigned'
            ? 'enrolment_unsigned'
            : problem === 'tampered'
              ? 'enrolment_tampered'
              : problem === 'bad_key'
                ? 'enrolment_no_key'
                : 'enrolment_malformed';
        throw refusal(code, `Enrolment file refused: ${problem}`);
      }
      const p = payload;
      // A signed file stays valid forever, so replaying an older one would undo what newer ones
      // changed (a deactivated user back, with their first password). Only newer files count.
      const last = settings.get('auth.enrolmentLastIssuedAt');
      if (last !== '' && Date.parse(p.issuedAt) <= Date.parse(last)) {
        tx(() => store.audit.append({ actor: me.actor, action: 'user_import', details: { refused: 'not_newer', issuedAt: p.issuedAt, lastIssuedAt: last } }));
        throw refusal('enrolment_not_newer', 'Enrolment file is not newer than the last one imported', {
          issuedAt: p.issuedAt,
          lastIssuedAt: last,
        });
      }
      return tx(() => {
        let created = 0;
        let updated = 0;
        const keptLocalPassword: string[] = [];
        for (const u of p.users) {
          const r = users.upsert(u, p.issuedAt);
          if (r.created) created += 1;
          else updated += 1;
          if (r.keptLocalPassword) keptLocalPassword.push(u.staffNumber);
        }
        settings.set('auth.enrolmentLastIssuedAt', p.issuedAt, me.actor);
        store.audit.append({
          actor: me.actor,
          action: 'user_import',
          details: { authority: p.authority, issuedAt: p.issuedAt, created, updated, staffNumbers: p.users.map((u) => u.staffNumber), keptLocalPassword },
        });
        return { created, updated };
      });
    },

    /** Display names for actor strings in queues and checklists. */
    displayNameOf(actor: string): string {
      const m = /^staff:(.+)$/.exec(actor);
      const u = m?.[1] ? users.byStaffNumber(m[1]) : undefined;
      return u ? staffLabel(u.displayName, u.staffNumber) : actor;
    },

    /** This workstation and its service point (fixed by its configuration). */
    workstation: { id: deps.workstationId, servicePoint: deps.servicePoint },

    listUsers: () => users.all().map((u) => ({ ...toSignedIn(u), active: u.active, lockedUntil: u.lockedUntil })),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
export { AUTH_SETTING_DEFAULTS };
