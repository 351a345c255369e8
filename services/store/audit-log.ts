import { createHash } from 'node:crypto';
import type { Db } from './database';

import type { AuditAction } from './audit-actions';

export { AUDIT_ACTIONS, type AuditAction } from './audit-actions';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  workstationId: string;
  action: AuditAction;
  subjectId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditAppend {
  actor: string;
  action: AuditAction;
  subjectId?: string;
  details?: Record<string, unknown>;
}

export interface AuditVerifyResult {
  ok: boolean;
  count: number;
  /** First entry whose hash or link does not match (or, for a cut-off tail, the first missing seq). */
  firstBadSeq?: number;
  reason?: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  workstation_id: string;
  action: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function entryHash(prevHash: string, r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  // Fixed field order; details are stored as the exact text that is hashed.
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.workstation_id, r.action, r.subject_id, r.details]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    workstationId: r.workstation_id,
    action: r.action as AuditAction,
    subjectId: r.subject_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * Hash-chained, append-only audit log. Appends must run inside the caller's transaction so
 * that the entry and the change it records commit together; triggers refuse UPDATE/DELETE.
 */
export function createAuditLog(db: Db, workstationId: string, now: () => string) {
  const headStmt = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const insertStmt = db.prepare(
    `INSERT INTO audit_log (seq, at, actor, workstation_id, action, subject_id, details, prev_hash, hash)
     VALUES (@seq, @at, @actor, @workstation_id, @action, @subject_id, @details, @prev_hash, @hash)`,
  );
  const setHeadStmt = db.prepare(
    'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
  );
  const forSubjectStmt = db.prepare<[string], AuditRow>('SELECT * FROM audit_log WHERE subject_id = ? ORDER BY seq');
  const allStmt = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  const recentStmt = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');

  const appendInTx = (entry: AuditAppend): AuditEntry => {
    const head = headStmt.get();
    const seq = (head?.seq ?? 0) + 1;
    const prev_hash = head?.hash ?? GENESIS_HASH;
    const row = {
      seq,
      at: now(),
      actor: entry.actor,
      workstation_id: workstationId,
      action: entry.action,
      subject_id: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    };
    const hash = entryHash(prev_hash, row);
    insertStmt.run({ ...row, prev_hash, hash });
    setHeadStmt.run(seq, hash);
    return toEntry({ ...row, prev_hash, hash });
  };

  return {
    /** Append within the current transaction (or its own, if none is open). */
    append(entry: AuditAppend): AuditEntry {
      return db.inTransaction ? appendInTx(entry) : db.transaction(appendInTx).immediate(entry);
    },
    forSubject(subjectId: string): AuditEntry[] {
      return forSubjectStmt.all(subjectId).map(toEntry);
    },
    recent(limit = 100): AuditEntry[] {
      return recentStmt.all(limit).map(toEntry);
    },
    verify(): AuditVerifyResult {
      let prev = GENESIS_HASH;
      let expectedSeq = 1;
      let count = 0;
      for (const r of allStmt.iterate()) {
        count++;
        if (r.seq !== expectedSeq) return { ok: false, count, firstBadSeq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
        if (r.prev_hash !== prev) return { ok: false, count, firstBadSeq: r.seq, reason: `entry ${r.seq} does not link to the one before` };
        const { prev_hash: _p, hash: _h, ...fields } = r;
        if (entryHash(prev, fields) !== r.hash) return { ok: false, count, firstBadSeq: r.seq, reason: `entry ${r.seq} was altered` };
        prev = r.hash;
        expectedSeq++;
      }
      const head = headStmt.get();
      if ((head?.seq ?? 0) !== count || (head?.hash ?? GENESIS_HASH) !== prev) {
        return { ok: false, count, firstBadSeq: count + 1, reason: `entries after ${count} are missing (the log ends at ${head?.seq ?? 0})` };
      }
      return { ok: true, count };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
