import { randomUUID } from 'node:crypto';
import type { Db } from '../store/database';
import { ROLES, type Role } from '../../domain/workflow';

/** The `users` table (store migration 4). Roles and service points are JSON arrays. */
export interface UserRecord {
  id: string;
  staffNumber: string;
  displayName: string;
  roles: Role[];
  servicePoints: string[];
  passwordVerifier: string | null;
  failedAttempts: number;
  lockedUntil: string | null;
  passwordChangedAt: string | null;
  active: boolean;
}

interface UserRow {
  id: string;
  staff_number: string;
  display_name: string;
  roles: string;
  service_points: string;
  password_verifier: string | null;
  failed_attempts: number;
  locked_until: string | null;
  password_changed_at: string | null;
  active: number;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  staffNumber: r.staff_number,
  displayName: r.display_name,
  roles: (JSON.parse(r.roles) as string[]).filter((x): x is Role => (ROLES as readonly string[]).includes(x)),
  servicePoints: JSON.parse(r.service_points) as string[],
  passwordVerifier: r.password_verifier,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  passwordChangedAt: r.password_changed_at,
  active: r.active === 1,
});

export interface UpsertUser {
  staffNumber: string;
  displayName: string;
  roles: Role[];
  servicePoints: string[];
  /** Null: no password yet (a user the central server holds without one cannot sign in here). */
  passwordVerifier: string | null;
  active: boolean;
}

export function createUsersRepo(db: Db, now: () => string) {
  const s = {
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
    byStaff: db.prepare<[string], UserRow>('SELECT * FROM users WHERE staff_number = ?'),
    byId: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    all: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY staff_number'),
    insert: db.prepare(
      `INSERT INTO users (id, staff_number, display_name, roles, service_points, password_verifier, active, created_at, updated_at, password_changed_at)
       VALUES (@id, @staff, @name, @roles, @sps, @verifier, @active, @now, @now, @setAt)`,
    ),
    update: db.prepare(
      `UPDATE users SET display_name = @name, roles = @roles, service_points = @sps, active = @active, updated_at = @now,
         password_verifier = @verifier, password_changed_at = CASE WHEN password_verifier IS @verifier THEN password_changed_at ELSE @setAt END
       WHERE staff_number = @staff`,
    ),
    // A lockout restarts the count, so the next lockout again takes the full number of failures.
    failed: db.prepare(
      'UPDATE users SET failed_attempts = CASE WHEN @until IS NULL THEN failed_attempts + 1 ELSE 0 END, locked_until = @until, updated_at = @now WHERE id = @id',
    ),
    reset: db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL, updated_at = @now WHERE id = @id'),
    // A password set through here is the user's own (or an administrator's, who sets the flag again after it).
    password: db.prepare(
      'UPDATE users SET password_verifier = @verifier, password_changed_at = @now, updated_at = @now, must_change_password = 0 WHERE id = @id',
    ),
  };
  return {
    count: () => s.count.get()?.n ?? 0,
    byStaffNumber: (staffNumber: string) => {
      const r = s.byStaff.get(staffNumber);
      return r ? toUser(r) : undefined;
    },
    byId: (id: string) => {
      const r = s.byId.get(id);
      return r ? toUser(r) : undefined;
    },
    all: () => s.all.all().map(toUser),
    /**
     * Insert or update by staff number; returns whether the user is new. `asOf` is when the
     * given verifier was valid (an enrolment file's issuedAt): a password the user changed on
     * this workstation after that moment is newer than the file's copy and is kept, so that
     * importing a file never silently brings back a password the user replaced.
     */
    upsert(u: UpsertUser, asOf?: string): { id: string; created: boolean; keptLocalPassword: boolean } {
      const at = now();
      const setAt = asOf ?? at;
      const existing = s.byStaff.get(u.staffNumber);
      const keep =
        existing !== undefined &&
        asOf !== undefined &&
        existing.password_verifier !== null &&
        existing.password_verifier !== u.passwordVerifier &&
        existing.password_changed_at !== null &&
        Date.parse(existing.password_changed_at) > Date.parse(asOf);
      const verifier = keep ? existing.password_verifier : u.passwordVerifier;
      const row = {
        staff: u.staffNumber,
        name: u.displayName,
        roles: JSON.stringify(u.roles),
        sps: JSON.stringify(u.servicePoints),
        verifier,
        active: u.active ? 1 : 0,
        now: at,
        setAt,
      };
      if (existing) {
        s.update.run(row);
        return { id: existing.id, created: false, keptLocalPassword: keep };
      }
      const id = randomUUID();
      s.insert.run({ ...row, id });
      return { id, created: true, keptLocalPassword: false };
    },
    recordFailure: (id: string, lockedUntil: string | null) => s.failed.run({ id, until: lockedUntil, now: now() }),
    resetFailures: (id: string) => s.reset.run({ id, now: now() }),
    setPassword: (id: string, verifier: string) => s.password.run({ id, verifier, now: now() }),
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;

/** Rows of the `sessions` table: one per sign-in on this workstation. */
export function createSessionsRepo(db: Db, workstationId: string, now: () => string) {
  const s = {
    open: db.prepare('INSERT INTO sessions (id, user_id, workstation_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'),
    seen: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
    end: db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL'),
    endAll: db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE workstation_id = ? AND ended_at IS NULL'),
  };
  return {
    open(userId: string, hours = 12): string {
      const id = randomUUID();
      const at = now();
      s.open.run(id, userId, workstationId, at, at, new Date(Date.parse(at) + hours * 3_600_000).toISOString());
      return id;
    },
    seen: (id: string) => s.seen.run(now(), id),
    end: (id: string, reason: string) => s.end.run(now(), reason, id),
    /** At start-up: sessions left open by a crash or a power cut are over. */
    endAll: (reason: string) => s.endAll.run(now(), reason, workstationId).changes,
  };
}
export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
