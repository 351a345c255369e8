import type { Sql } from 'postgres';
import { z } from 'zod';
import { RECEIPT_PAPER_SIZES } from '../../api/contracts/receipt-contract';
import type { Clock } from '../db/types';
import { appendFeed } from '../sync/feed';
import { AdminError } from './administration';

// Settings the central server owns and publishes through pull (docs/sync-protocol.md §7,
// `setting` changes): every workstation applies them in the transaction that moves its cursor
// and shows them read-only. Only these keys, each with its own schema: a typo never becomes a
// setting nobody reads, and a workstation never receives a value it cannot use.

const minutes = (max: number) => z.number().int().min(1).max(max);

export const PUBLISHED_SETTINGS = {
  /** Days after the server's ledger confirms an application before its scans and form data leave a workstation. */
  'retention.scanDays': z.number().int().min(1).max(3650),
  /** Sign-in rules at every counter. */
  'auth.maxFailures': z.number().int().min(1).max(20),
  'auth.lockoutMinutes': minutes(240),
  'auth.idleMinutes': minutes(240),
  'auth.elevationMinutes': minutes(240),
  /** What the service point's receipts share (the printer stays each workstation's). */
  'receipts.paperSize': z.enum(RECEIPT_PAPER_SIZES),
  'receipts.english': z.boolean(),
  /** Server-side (push-service.ts): every op's actor must be attested by a server session (§4). Published so counters can show it. */
  'sync.sessionRequired': z.boolean(),
} as const;
export type PublishedSettingKey = keyof typeof PUBLISHED_SETTINGS;

const isPublished = (key: string): key is PublishedSettingKey => Object.hasOwn(PUBLISHED_SETTINGS, key);

/** Sets a published setting and appends its change to the feed, in one transaction. */
export async function setPublishedSetting(sql: Sql, now: Clock, key: string, value: unknown): Promise<void> {
  if (!isPublished(key)) throw new AdminError(`not a setting the server publishes: ${key} (known: ${Object.keys(PUBLISHED_SETTINGS).join(', ')})`);
  const parsed = PUBLISHED_SETTINGS[key].safeParse(value);
  if (!parsed.success) throw new AdminError(`not a valid value for ${key}: ${JSON.stringify(value)}`);
  await sql.begin(async (tx) => {
    const t = now();
    await tx`INSERT INTO settings (key, value) VALUES (${key}, ${tx.json(parsed.data)}) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`;
    await appendFeed(tx, [{ scope: '*', kind: 'setting', id: key, data: { key, value: parsed.data } }], t);
  });
}

/** Every setting the server holds (published or not), for `setting list`. */
export async function listSettings(sql: Sql): Promise<{ key: string; value: unknown; published: boolean }[]> {
  const rows = await sql<{ key: string; value: unknown }[]>`SELECT key, value FROM settings ORDER BY key`;
  return rows.map((r) => ({ key: r.key, value: r.value, published: isPublished(r.key) }));
}

/**
 * On by default for a new deployment (§4.1): the first time an enrolment code is issued on a
 * deployment that never chose, `sync.sessionRequired` is set to true and published. A deployment
 * that already has enrolled workstations keeps what it had (an older app does not open sessions,
 * so its work would wait), and an administrator's explicit choice is never overridden.
 * Returns whether it turned sessions on.
 */
export async function requireSessionsOnFirstEnrolment(sql: Sql, now: Clock): Promise<boolean> {
  const [row] = await sql<{ chosen: number; enrolled: number }[]>`
    SELECT (SELECT count(*) FROM settings WHERE key = 'sync.sessionRequired')::int AS chosen,
           (SELECT count(*) FROM workstations WHERE enrolled_at IS NOT NULL)::int AS enrolled`;
  if (!row || row.chosen > 0 || row.enrolled > 0) return false;
  await setPublishedSetting(sql, now, 'sync.sessionRequired', true);
  return true;
}
