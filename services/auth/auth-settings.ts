import type { Db } from '../store/database';

/** Sign-in settings, kept in the store's `settings` table under `auth.*` (changes audited by the caller). */
export const AUTH_SETTING_DEFAULTS = {
  /** Failed sign-ins in a row before the account is locked. */
  'auth.maxFailures': 5,
  /** How long a lockout lasts. */
  'auth.lockoutMinutes': 15,
  /** Idle time before the screen locks (issue 7: default 5). */
  'auth.idleMinutes': 5,
  /** How long a supervisor's sign-in on top lasts in window mode. */
  'auth.elevationMinutes': 5,
  /** Set up here, and the administrator has not yet enrolled with the central server or chosen to stay standalone (issue 15). */
  'auth.firstRunEnrolmentPending': false,
  /** issuedAt of the last enrolment file imported ('' = none yet): an older or equal file is refused. */
  'auth.enrolmentLastIssuedAt': '',
};
/** Settings an administrator sets as a number (the others are set by their own operations). */
export type AuthNumberSettingKey = Exclude<AuthSettingKey, 'auth.enrolmentLastIssuedAt' | 'auth.firstRunEnrolmentPending'>;
export type AuthSettingKey = keyof typeof AUTH_SETTING_DEFAULTS;

export function createAuthSettings(db: Db, now: () => string) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  return {
    get<K extends AuthSettingKey>(key: K): (typeof AUTH_SETTING_DEFAULTS)[K] {
      const row = get.get(key);
      if (!row) return AUTH_SETTING_DEFAULTS[key];
      const v = JSON.parse(row.value) as unknown;
      return (typeof v === typeof AUTH_SETTING_DEFAULTS[key] ? v : AUTH_SETTING_DEFAULTS[key]) as (typeof AUTH_SETTING_DEFAULTS)[K];
    },
    set<K extends AuthSettingKey>(key: K, value: (typeof AUTH_SETTING_DEFAULTS)[K], actor: string): unknown {
      const before = get.get(key);
      put.run(key, JSON.stringify(value), now(), actor);
      return before ? (JSON.parse(before.value) as unknown) : null;
    },
  };
}
export type AuthSettings = ReturnType<typeof createAuthSettings>;
