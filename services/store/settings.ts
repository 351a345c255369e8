import type { Db } from './database';
import type { AuditLog } from './audit-log';

/** Known settings and their defaults. Internal ones (prefix `internal.`) are not audited. */
export const SETTING_DEFAULTS = {
  /** Days after the central API's acknowledgement before local scan files are purged. */
  'retention.scanDays': 30,
  /** Largest scan accepted, in bytes. */
  'attachments.maxBytes': 20 * 1024 * 1024,
  /** Issue 16: clock skew tolerated on a security-code QR's issue and expiry times, in seconds (0–300). */
  'securityCode.skewSeconds': 30,
} as const;
export type SettingKey = keyof typeof SETTING_DEFAULTS;

export function createSettings(db: Db, deps: { now: () => string; audit: AuditLog }) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const all = db.prepare<[], { key: string; value: string; updated_at: string; updated_by: string }>('SELECT * FROM settings ORDER BY key');

  const read = (key: string): unknown => {
    const row = get.get(key);
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  };

  return {
    get<K extends SettingKey>(key: K): (typeof SETTING_DEFAULTS)[K] {
      const v = read(key);
      return (v === undefined ? SETTING_DEFAULTS[key] : v) as (typeof SETTING_DEFAULTS)[K];
    },
    /** Change a setting; the old and new values go to the audit log in the same transaction. */
    set<K extends SettingKey>(key: K, value: (typeof SETTING_DEFAULTS)[K] | number, actor: string): void {
      db.transaction(() => {
        const before = read(key);
        put.run(key, JSON.stringify(value), deps.now(), actor);
        deps.audit.append({ actor, action: 'settings_change', details: { key, from: before ?? null, to: value } });
      }).immediate();
    },
    list(): { key: string; value: unknown; updatedAt: string; updatedBy: string }[] {
      return all.all().map((r) => ({ key: r.key, value: JSON.parse(r.value) as unknown, updatedAt: r.updated_at, updatedBy: r.updated_by }));
    },
    /** Internal values (not user settings): created once, never audited. */
    internal<T>(key: `internal.${string}`, create: () => T): T {
      const v = read(key);
      if (v !== undefined) return v as T;
      const fresh = create();
      put.run(key, JSON.stringify(fresh), deps.now(), 'system');
      return fresh;
    },
  };
}

export type Settings = ReturnType<typeof createSettings>;
