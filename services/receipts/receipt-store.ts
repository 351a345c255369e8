import { z } from 'zod';
import type { Store } from '../store';
import { pulledReceiptKeys } from './pulled-receipt-keys';
import { generateWorkstationKeyPair, publicKeyOf, type KnownWorkstationKey, type WorkstationKeyPair } from './workstation-keys';

// What receipts keep in the encrypted store: the workstation's signing key (settings table,
// `internal.` prefix: never listed to users, never audited), the workstation's receipt
// settings (`receipts.*`, changes audited), and the trusted public keys of other
// workstations (reference data, migration 005's ref_workstation_keys).

export const RECEIPT_PAPER = ['a4', 'roll80'] as const;
export type ReceiptPaper = (typeof RECEIPT_PAPER)[number];

export const ReceiptSettingsSchema = z
  .object({
    paperSize: z.enum(RECEIPT_PAPER),
    english: z.boolean(),
    /** A printer name as the OS reports it; absent = the system default printer. */
    printer: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ReceiptSettings = z.infer<typeof ReceiptSettingsSchema>;

export const RECEIPT_SETTING_DEFAULTS: ReceiptSettings = { paperSize: 'a4', english: false };
const SETTINGS_KEY = 'receipts.settings';

const KeyPairSchema = z.object({ workstationId: z.string(), publicKey: z.string(), privateKey: z.string() }).strict();

/** `servicePoint`: this workstation's, whose other workstations' receipts verify here once pulled (issue 15). */
export function createReceiptStore(store: Store, workstationId: string, now: () => string, servicePoint?: string) {
  const db = store.db;
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const refKeys = db.prepare<[], { workstation_id: string; public_key: string }>('SELECT workstation_id, public_key FROM ref_workstation_keys');
  const pulledKeys = pulledReceiptKeys(store, servicePoint);

  /**
   * Created once, when this workstation first starts (its set-up); one key per workstation id,
   * so a re-configured id gets its own key rather than signing as another workstation.
   * The public half goes to the outbox for the central API to distribute to other counters.
   */
  const ensureKeyPair = (): WorkstationKeyPair => {
    const key = `internal.receiptSigningKey.${workstationId}` as const;
    return db
      .transaction(() => {
        const existing = get.get(key);
        if (existing) return KeyPairSchema.parse(JSON.parse(existing.value));
        const pair = generateWorkstationKeyPair(workstationId);
        put.run(key, JSON.stringify(pair), now(), 'system');
        store.outbox.enqueue('workstation.receipt_key', workstationId, { workstationId, publicKey: pair.publicKey });
        return pair;
      })
      .immediate();
  };
  const pair = ensureKeyPair();
  // A restored or hand-edited row must still sign with a key whose public half we publish.
  if (publicKeyOf(pair.privateKey) !== pair.publicKey) throw new Error('stored receipt signing key does not match its public key');

  function readSettings(): ReceiptSettings {
    const row = get.get(SETTINGS_KEY);
    if (!row) return RECEIPT_SETTING_DEFAULTS;
    const parsed = ReceiptSettingsSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : RECEIPT_SETTING_DEFAULTS;
  }

  return {
    /** Private: for renderReceipt only. Never put it in an API output. */
    signingKey: () => ({ workstationId, privateKey: pair.privateKey }),
    publicKey: (): KnownWorkstationKey => ({ workstationId, publicKey: pair.publicKey }),
    /** This workstation first, then the reference data's keys and those pulled from the server (another id only: ours is authoritative). */
    knownKeys(): KnownWorkstationKey[] {
      const others = refKeys
        .all()
        .filter((r) => r.workstation_id !== workstationId)
        .map((r) => ({ workstationId: r.workstation_id, publicKey: r.public_key }));
      return [{ workstationId, publicKey: pair.publicKey }, ...others, ...pulledKeys(workstationId)];
    },
    settings: readSettings,
    /** Saves the settings and audits old → new in one transaction. */
    setSettings(next: ReceiptSettings, actor: string): ReceiptSettings {
      const value = ReceiptSettingsSchema.parse(next);
      db.transaction(() => {
        const before = readSettings();
        put.run(SETTINGS_KEY, JSON.stringify(value), now(), actor);
        store.audit.append({ actor, action: 'settings_change', details: { key: SETTINGS_KEY, from: before, to: value } });
      }).immediate();
      return value;
    },
  };
}

export type ReceiptStore = ReturnType<typeof createReceiptStore>;
