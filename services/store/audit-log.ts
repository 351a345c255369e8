import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from './database';
import { loadOrCreateKeyFile } from './keys';

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
  /** An application whose row no longer matches the last entry about it. */
  applicationId?: string;
  reason?: string;
}

/** The chain's last entry: with the audit key behind it, only this workstation can produce it. */
export interface AuditHead {
  seq: number;
  hash: string;
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
  keyed: number;
  row_hash: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);
/**
 * Beside the database, like the sync signing key (services/sync/identity.ts); never inside it. The
 * harness and tests keep this plain 0600 file; the installed (Electron) app keeps the key wrapped
 * by the OS key store (`audit-chain.key.safe`, electron/main/core-secrets.ts) and passes it in.
 */
export const AUDIT_KEY_FILE = 'audit-chain.key';
/** The last head this workstation saw committed, keyed: a tail cut off the database shows against it. */
export const AUDIT_ANCHOR_FILE = 'audit-head.json';

type Fields = Omit<AuditRow, 'prev_hash' | 'hash' | 'keyed'>;

/** Entries written before the chain was keyed (store migration 11): plain SHA-256, no row hash. */
function plainHash(prevHash: string, r: Fields): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.workstation_id, r.action, r.subject_id, r.details]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Issue 12 item 12: HMAC-SHA-256 with a key kept outside the database, so whoever holds only the
 * database key cannot recompute the chain; the row hash ties the entry to the application row
 * it left behind. Fixed field order; details are stored as the exact text that is hashed.
 */
function keyedHash(key: Buffer, prevHash: string, r: Fields): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actor, r.workstation_id, r.action, r.subject_id, r.details, r.row_hash]);
  return createHmac('sha256', key).update('counterdesk-audit/v2\n').update(prevHash).update('\n').update(canonical).digest('hex');
}

interface AppRow {
  id: string;
  kind: string;
  status: string;
  application_number: string | null;
  data: string;
  created_by: string;
  workstation_id: string;
}

/** What an entry vouches for about an application: whose it is, its status, its number and its form (names, ID numbers). */
export function applicationRowHash(r: AppRow): string {
  return createHash('sha256')
    .update(JSON.stringify([r.id, r.kind, r.status, r.application_number, r.data, r.created_by, r.workstation_id]))
    .digest('hex');
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

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

export interface AuditKeying {
  /** The chain's HMAC key; default a 0600 key file beside the database (AUDIT_KEY_FILE), created if missing. */
  key?: Buffer;
  /** Where the keyed anchor of the last committed head is written; default beside the database. */
  anchorPath?: string | null;
}

/** The key and anchor of a database opened from a file; an in-memory one (tests) gets a throwaway key and no anchor. */
function keyingFor(db: Db, opts: AuditKeying): { key: Buffer; anchorPath: string | null } {
  if (db.memory) return { key: opts.key ?? randomBytes(32), anchorPath: opts.anchorPath ?? null };
  const dir = dirname(db.name);
  return {
    key: opts.key ?? loadOrCreateKeyFile(join(dir, AUDIT_KEY_FILE)),
    anchorPath: opts.anchorPath === undefined ? join(dir, AUDIT_ANCHOR_FILE) : opts.anchorPath,
  };
}

const anchorMac = (key: Buffer, h: AuditHead) => createHmac('sha256', key).update(`counterdesk-audit-anchor/v1\n${h.seq}\n${h.hash}`).digest('hex');

/**
 * Hash-chained, append-only audit log. Appends must run inside the caller's transaction so
 * that the entry and the change it records commit together; triggers refuse UPDATE/DELETE.
 */
export function createAuditLog(db: Db, workstationId: string, now: () => string, keying: AuditKeying = {}) {
  const { key, anchorPath } = keyingFor(db, keying);
  const headStmt = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const insertStmt = db.prepare(
    `INSERT INTO audit_log (seq, at, actor, workstation_id, action, subject_id, details, prev_hash, hash, keyed, row_hash)
     VALUES (@seq, @at, @actor, @workstation_id, @action, @subject_id, @details, @prev_hash, @hash, 1, @row_hash)`,
  );
  const setHeadStmt = db.prepare(
    'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
  );
  const appRowStmt = db.prepare<[string], AppRow>(
    'SELECT id, kind, status, application_number, data, created_by, workstation_id FROM applications WHERE id = ?',
  );
  const allAppsStmt = db.prepare<[], AppRow>('SELECT id, kind, status, application_number, data, created_by, workstation_id FROM applications');
  const hashAtStmt = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?');
  const forSubjectStmt = db.prepare<[string], AuditRow>('SELECT * FROM audit_log WHERE subject_id = ? ORDER BY seq');
  const allStmt = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  const recentStmt = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');
  let anchored: string | null = null;

  const appendInTx = (entry: AuditAppend): AuditEntry => {
    const head = headStmt.get();
    const seq = (head?.seq ?? 0) + 1;
    const prev_hash = head?.hash ?? GENESIS_HASH;
    const subject = entry.subjectId !== undefined ? appRowStmt.get(entry.subjectId) : undefined;
    const row = {
      seq,
      at: now(),
      actor: entry.actor,
      workstation_id: workstationId,
      action: entry.action,
      subject_id: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      row_hash: subject ? applicationRowHash(subject) : null,
    };
    const hash = keyedHash(key, prev_hash, row);
    insertStmt.run({ ...row, prev_hash, hash });
    setHeadStmt.run(seq, hash);
    const { row_hash: _r, ...fields } = row;
    return toEntry({ ...fields, prev_hash, hash, keyed: 1, row_hash: row.row_hash });
  };

  const readAnchor = (): (AuditHead & { mac: string }) | 'missing' | 'unreadable' => {
    if (!anchorPath || !existsSync(anchorPath)) return 'missing';
    try {
      const a = JSON.parse(readFileSync(anchorPath, 'utf8')) as Record<string, unknown>;
      if (typeof a['seq'] !== 'number' || typeof a['hash'] !== 'string' || typeof a['mac'] !== 'string') return 'unreadable';
      return { seq: a['seq'], hash: a['hash'], mac: a['mac'] };
    } catch {
      return 'unreadable';
    }
  };

  const log = {
    /** Append within the current transaction (or its own, if none is open). */
    append(entry: AuditAppend): AuditEntry {
      return db.inTransaction ? appendInTx(entry) : db.transaction(appendInTx).immediate(entry);
    },
    /** The committed head (inside a transaction, the head as this transaction sees it). */
    head(): AuditHead {
      const h = headStmt.get();
      return { seq: h?.seq ?? 0, hash: h?.hash ?? GENESIS_HASH };
    },
    /**
     * Write the committed head, keyed, outside the database (after a write, never inside a
     * transaction that might still roll back). Cheap when nothing changed. A crash before it
     * leaves the anchor behind the database, which verify accepts; never ahead of it.
     */
    anchor(): void {
      if (!anchorPath || db.inTransaction) return;
      const h = headStmt.get();
      if (!h || anchored === h.hash) return;
      const tmp = `${anchorPath}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ seq: h.seq, hash: h.hash, mac: anchorMac(key, h) }), { mode: 0o600 });
      renameSync(tmp, anchorPath);
      anchored = h.hash;
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
      let keyedSeen = false;
      const lastRowHash = new Map<string, string>();
      for (const r of allStmt.iterate()) {
        count++;
        if (r.seq !== expectedSeq) return { ok: false, count, firstBadSeq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
        if (r.prev_hash !== prev) return { ok: false, count, firstBadSeq: r.seq, reason: `entry ${r.seq} does not link to the one before` };
        const { prev_hash: _p, hash: _h, keyed: _k, ...fields } = r;
        if (r.keyed === 1) {
          keyedSeen = true;
          if (!sameHex(keyedHash(key, prev, fields), r.hash)) {
            return { ok: false, count, firstBadSeq: r.seq, reason: `entry ${r.seq} was altered or written without this workstation's audit key` };
          }
          if (r.subject_id !== null && r.row_hash !== null) lastRowHash.set(r.subject_id, r.row_hash);
        } else {
          // Plain entries exist only from before the chain was keyed: never after a keyed one.
          if (keyedSeen) return { ok: false, count, firstBadSeq: r.seq, reason: `entry ${r.seq} is not keyed but follows keyed entries` };
          if (plainHash(prev, fields) !== r.hash) return { ok: false, count, firstBadSeq: r.seq, reason: `entry ${r.seq} was altered` };
        }
        prev = r.hash;
        expectedSeq++;
      }
      const head = headStmt.get();
      if ((head?.seq ?? 0) !== count || (head?.hash ?? GENESIS_HASH) !== prev) {
        return { ok: false, count, firstBadSeq: count + 1, reason: `entries after ${count} are missing (the log ends at ${head?.seq ?? 0})` };
      }
      const anchor = readAnchor();
      if (anchor === 'unreadable' || (anchor !== 'missing' && !sameHex(anchorMac(key, anchor), anchor.mac))) {
        return { ok: false, count, reason: `the audit anchor outside the database (${AUDIT_ANCHOR_FILE}) was altered` };
      }
      if (anchor === 'missing') {
        // Written when the store opens and after every committed write: a chain without one was
        // moved without it, or someone took it away to hide a rewrite.
        if (count > 0 && anchorPath) return { ok: false, count, reason: `the audit anchor outside the database (${AUDIT_ANCHOR_FILE}) is missing` };
      } else if (anchor.seq > count) {
        return { ok: false, count, firstBadSeq: count + 1, reason: `entries after ${count} are missing (the anchor outside the database says ${anchor.seq})` };
      } else if (anchor.seq > 0 && hashAtStmt.get(anchor.seq)?.hash !== anchor.hash) {
        return { ok: false, count, firstBadSeq: anchor.seq, reason: `the chain up to entry ${anchor.seq} was rewritten (it no longer ends as anchored)` };
      }
      for (const app of allAppsStmt.iterate()) {
        const expected = lastRowHash.get(app.id);
        if (expected !== undefined && expected !== applicationRowHash(app)) {
          return {
            ok: false,
            count,
            applicationId: app.id,
            reason: `application ${app.id} was changed outside the app (status, number or form no longer match its last audit entry)`,
          };
        }
      }
      return { ok: true, count };
    },
  };
  // At open: a store upgraded from the plain chain is anchored before anything else happens.
  try {
    log.anchor();
  } catch {
    /* read-only folder: anchored at the next write that can */
  }
  return log;
}

export type AuditLog = ReturnType<typeof createAuditLog>;
