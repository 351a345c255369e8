import type { Role } from '../../domain/workflow';
import type { Clock } from '../core/clock';
import { Refusal } from '../core/refusal';
import type { Store } from '../store';
import type { SessionRefusalCode } from './auth-service';
import { hashPassword, MIN_PASSWORD_LENGTH, PASSWORD_PARAMS, type PasswordParams } from './password-verifier';
import type { SignedInUser } from './session-state';
import { createUsersRepo, type UserRecord } from './users-repo';
import { enrolmentState } from '../workstation/enrolment-state';

/**
 * Issue 13, item 1: the administrator of a standalone workstation (not enrolled with the
 * central server) creates users, resets a password, deactivates, reactivates and unlocks,
 * without writing a signed enrolment file by hand. A password the administrator types is
 * known to two people: its user must choose their own at the next sign-in.
 *
 * Once the workstation is enrolled with the central server, users come from the server and
 * this service refuses every change (`managed_centrally`); the list stays readable.
 */
export type UserAdminRefusalCode =
  SessionRefusalCode | 'user_exists' | 'user_not_found' | 'weak_password' | 'not_yourself' | 'last_admin' | 'managed_centrally';

const refusal = (code: UserAdminRefusalCode, message: string, params?: Record<string, string | number>) => new Refusal(code, message, params);

export interface UserListItem {
  userId: string;
  staffNumber: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
}

export interface UserAdminDeps {
  store: Store;
  /**
   * The service point codes this workstation's users belong to, read on every call: the code
   * the core runs with and, after the administrator changed it (applies at the restart), the
   * saved one too, so a user created meanwhile signs in before and after the restart.
   */
  servicePoints: () => string[];
  clock: Clock;
  /** The signed-in administrator (auth's requireUser with the role), or a refusal. */
  requireAdmin: () => SignedInUser;
  /** True once the workstation takes its users from the central server. */
  managedCentrally?: () => boolean;
  passwordParams?: PasswordParams;
}

export function createUserAdmin(deps: UserAdminDeps) {
  const { store, clock } = deps;
  const now = () => clock().toISOString();
  const users = createUsersRepo(store.db, now);
  const params = deps.passwordParams ?? PASSWORD_PARAMS;
  const s = {
    flags: store.db.prepare<[], { id: string; must_change_password: number }>('SELECT id, must_change_password FROM users'),
    flagOf: store.db.prepare<[string], number>('SELECT must_change_password FROM users WHERE id = ?').pluck(),
    mustChange: store.db.prepare('UPDATE users SET must_change_password = @flag, updated_at = @now WHERE id = @id'),
    active: store.db.prepare('UPDATE users SET active = @active, updated_at = @now WHERE id = @id'),
  };
  const tx = <T>(fn: () => T): T => store.db.transaction(fn).immediate();

  const changing = (): SignedInUser => {
    const me = deps.requireAdmin();
    if (deps.managedCentrally?.()) throw refusal('managed_centrally', 'Users come from the central server');
    return me;
  };
  const existing = (staffNumber: string): UserRecord => {
    const u = users.byStaffNumber(staffNumber);
    if (!u || !belongsHere(u)) throw refusal('user_not_found', 'No such user', { staffNumber });
    return u;
  };
  // Enrolled with the central server: the service point it enrolled this workstation for counts too.
  const enrolledServicePoint = enrolmentState(store).servicePoint;
  const servicePoints = () => {
    const enrolled = enrolledServicePoint();
    return enrolled ? [...deps.servicePoints(), enrolled] : deps.servicePoints();
  };
  const belongsHere = (u: UserRecord) => servicePoints().some((sp) => u.servicePoints.includes(sp));
  const strongEnough = (password: string) => {
    if (password.length < MIN_PASSWORD_LENGTH) throw refusal('weak_password', 'Password too short', { min: MIN_PASSWORD_LENGTH });
  };
  /** Someone must still be able to administer this workstation afterwards. */
  const otherActiveAdmins = (exceptId: string) =>
    users.all().filter((u) => u.id !== exceptId && u.active && u.roles.includes('workstation_admin') && belongsHere(u)).length;

  const list = (): UserListItem[] => {
    const mustChange = new Map(s.flags.all().map((r) => [r.id, r.must_change_password === 1]));
    return users
      .all()
      .filter(belongsHere)
      .map((u) => ({
        userId: u.id,
        staffNumber: u.staffNumber,
        displayName: u.displayName,
        roles: u.roles,
        active: u.active,
        lockedUntil: u.lockedUntil && Date.parse(u.lockedUntil) > clock().getTime() ? u.lockedUntil : null,
        mustChangePassword: mustChange.get(u.id) ?? false,
      }));
  };
  const item = (id: string): UserListItem => {
    const found = list().find((u) => u.userId === id);
    if (!found) throw refusal('user_not_found', 'No such user');
    return found;
  };

  return {
    list(): { users: UserListItem[]; managedCentrally: boolean } {
      deps.requireAdmin();
      return { users: list(), managedCentrally: deps.managedCentrally?.() ?? false };
    },

    async create(input: { staffNumber: string; displayName: string; roles: Role[]; temporaryPassword: string }): Promise<UserListItem> {
      const me = changing();
      if (users.byStaffNumber(input.staffNumber)) throw refusal('user_exists', 'Staff number taken', { staffNumber: input.staffNumber });
      strongEnough(input.temporaryPassword);
      const verifier = await hashPassword(input.temporaryPassword, params);
      const id = tx(() => {
        // Checked again inside the transaction: two administrators' clicks must not make two rows.
        if (users.byStaffNumber(input.staffNumber)) throw refusal('user_exists', 'Staff number taken', { staffNumber: input.staffNumber });
        const { id } = users.upsert({
          staffNumber: input.staffNumber,
          displayName: input.displayName,
          roles: [...new Set(input.roles)],
          servicePoints: [...new Set(deps.servicePoints())],
          passwordVerifier: verifier,
          active: true,
        });
        s.mustChange.run({ id, flag: 1, now: now() });
        store.audit.append({
          actor: me.actor,
          action: 'user_create',
          details: { staffNumber: input.staffNumber, roles: input.roles, by: 'administrator' },
        });
        return id;
      });
      return item(id);
    },

    async resetPassword(input: { staffNumber: string; temporaryPassword: string }): Promise<UserListItem> {
      const me = changing();
      const u = existing(input.staffNumber);
      strongEnough(input.temporaryPassword);
      const verifier = await hashPassword(input.temporaryPassword, params);
      tx(() => {
        users.setPassword(u.id, verifier);
        users.resetFailures(u.id);
        s.mustChange.run({ id: u.id, flag: 1, now: now() });
        store.audit.append({ actor: me.actor, action: 'user_change', details: { staffNumber: u.staffNumber, change: 'password_reset' } });
      });
      return item(u.id);
    },

    setActive(input: { staffNumber: string; active: boolean }): UserListItem {
      const me = changing();
      const u = existing(input.staffNumber);
      if (!input.active && u.id === me.userId) throw refusal('not_yourself', 'An administrator cannot deactivate themselves');
      if (!input.active && u.roles.includes('workstation_admin') && otherActiveAdmins(u.id) === 0) throw refusal('last_admin', 'The last administrator');
      tx(() => {
        s.active.run({ id: u.id, active: input.active ? 1 : 0, now: now() });
        store.audit.append({
          actor: me.actor,
          action: 'user_change',
          details: { staffNumber: u.staffNumber, change: input.active ? 'activated' : 'deactivated' },
        });
      });
      // A deactivated user who is signed in right now is signed out at their next call (auth-service).
      return item(u.id);
    },

    unlock(input: { staffNumber: string }): UserListItem {
      const me = changing();
      const u = existing(input.staffNumber);
      tx(() => {
        users.resetFailures(u.id);
        store.audit.append({ actor: me.actor, action: 'user_change', details: { staffNumber: u.staffNumber, change: 'unlocked' } });
      });
      return item(u.id);
    },

    /** Whether the signed-in user still has to replace a password an administrator typed. */
    mustChangePassword(userId: string): boolean {
      return s.flagOf.get(userId) === 1;
    },
  };
}
export type UserAdmin = ReturnType<typeof createUserAdmin>;
