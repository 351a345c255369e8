import type { Db } from './database';

/**
 * Per-workstation, per-day counter for application numbers. Committed on its own so a number
 * once handed out is never handed out again, even if the submit that asked for it fails.
 */
export function createSequences(db: Db, workstationId: string) {
  const next = db.prepare<[string, string], { last_value: number }>(
    `INSERT INTO sequences (workstation_id, day, last_value) VALUES (?, ?, 1)
     ON CONFLICT (workstation_id, day) DO UPDATE SET last_value = last_value + 1
     RETURNING last_value`,
  );
  return {
    /** `day` as YYYY-MM-DD (local date at the service point, chosen by the caller). */
    nextSequence(day: string): number {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new TypeError(`day must be YYYY-MM-DD, got ${day}`);
      const row = next.get(workstationId, day);
      if (!row) throw new Error('sequence upsert returned nothing');
      return row.last_value;
    },
  };
}

export type Sequences = ReturnType<typeof createSequences>;
