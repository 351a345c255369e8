import { z } from 'zod';
import type { Change } from '../../api/sync';
import { RECEIPT_PAPER_SIZES } from '../../api/contracts/receipt-contract';
import type { Store } from '../store';

// Settings the central server publishes through pull (server/admin/published-settings.ts,
// docs/sync-protocol.md §7): applied here inside the pull's transaction (services/sync/pull-apply.ts),
// so the cursor never moves past a setting that was not written. Each lands where this
// workstation already reads it (the store's `settings` rows: retention, sign-in rules, the
// receipts' shared part), audited as set by the server; the Settings screen lists them read-only.

const minutes = z.number().int().min(1).max(240);

/** The keys a workstation applies, each with the schema its value must meet (an invalid one is kept in sync_pulled, not applied). */
const APPLIED = {
  'retention.scanDays': z.number().int().min(1).max(3650),
  'auth.maxFailures': z.number().int().min(1).max(20),
  'auth.lockoutMinutes': minutes,
  'auth.idleMinutes': minutes,
  'auth.elevationMinutes': minutes,
  'receipts.paperSize': z.enum(RECEIPT_PAPER_SIZES),
  'receipts.english': z.boolean(),
  // Enforced by the server only; shown here so the administrator knows why work may wait for a sign-in.
  'sync.sessionRequired': z.boolean(),
} as const;
type AppliedKey = keyof typeof APPLIED;
const isApplied = (key: string): key is AppliedKey => Object.hasOwn(APPLIED, key);

/** The receipts' settings row (services/receipts/receipt-store.ts): the service point shares paper size and language, not the printer. */
const RECEIPTS_ROW = 'receipts.settings';
const RECEIPT_DEFAULTS = { paperSize: 'a4', english: false };

export interface ServerSetting {
  key: string;
  value: unknown;
  /** When this workstation received it. */
  pulledAt: string;
}

export function createPulledSettings(store: Store, now: () => string) {
  const db = store.db;
  const s = {
    get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    put: db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, 'server')
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ),
    pulled: db.prepare<[], { record_id: string; body: string; pulled_at: string }>(
      `SELECT record_id, body, pulled_at FROM sync_pulled WHERE kind = 'setting' ORDER BY record_id`,
    ),
    managed: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM sync_pulled WHERE kind = 'setting' AND record_id = ?`),
  };
  const read = (key: string): unknown => {
    const row = s.get.get(key);
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  };
  const write = (key: string, value: unknown) => {
    const before = read(key);
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    s.put.run(key, JSON.stringify(value), now());
    store.audit.append({ actor: 'system:server', action: 'settings_change', details: { key, from: before ?? null, to: value, source: 'server' } });
  };

  return {
    /** One `setting` change, inside the pull's transaction. */
    apply(c: Extract<Change, { kind: 'setting' }>): void {
      if (c.deleted || !c.data) return;
      const { key, value } = c.data;
      if (!isApplied(key) || !APPLIED[key].safeParse(value).success) return;
      if (key === 'sync.sessionRequired') return;
      if (key === 'receipts.paperSize' || key === 'receipts.english') {
        const current = { ...RECEIPT_DEFAULTS, ...((read(RECEIPTS_ROW) as Record<string, unknown> | undefined) ?? {}) };
        write(RECEIPTS_ROW, { ...current, [key === 'receipts.paperSize' ? 'paperSize' : 'english']: value });
        return;
      }
      write(key, value);
    },
    /** What the server set, for the Settings screen (read-only there). */
    list: (): ServerSetting[] =>
      s.pulled.all().map((r) => ({ key: r.record_id, value: (JSON.parse(r.body) as { value?: unknown }).value ?? null, pulledAt: r.pulled_at })),
    /** Whether the server owns this setting now (a local change to it is refused). */
    isServerManaged: (key: string): boolean => (s.managed.get(key)?.n ?? 0) > 0,
  };
}
