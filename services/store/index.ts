import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCheckpointer, fileLooksEncrypted, integrityCheck, openDatabase, rekeyDatabase, type Db } from './database';
import { migrate, userVersion } from './migrate';
import { createAuditLog, type AuditAppend, type AuditEntry, type AuditHead, type AuditVerifyResult } from './audit-log';
import { createOutbox, type Outbox } from './outbox';
import { createApplicationsRepo, type ApplicationsRepo } from './applications';
import { translating } from './errors';
import { createSettings, type Settings } from './settings';
import { createSequences, type Sequences } from './sequences';
import { createRetention, type HeldApplication } from './retention';
import { createAttachments, type Attachments, type AttachmentsDeps, type Kek } from './attachments/attachments';
import { createBlobFiles, realFs, type BlobFs } from './attachments/blob-files';
import { deriveKek, kekId } from './attachments/blob-crypto';

export { StoreError, isStoreError, STORE_ERROR_CODES, type StoreErrorCode } from './errors';
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditAppend, type AuditHead, type AuditVerifyResult } from './audit-log';
export type { SearchTerms } from './search-terms';
export type { ApplicationRecord, ApplicationSummary, StatusHistoryEntry, ListFilter, CreateDraftInput, SaveDraftInput, SetStatusInput } from './applications';
export type { OutboxItem } from './outbox';
export type { Attachment, AttachmentPage, PutInput, Rotation } from './attachments/attachments';
export { ACCEPTED_MIME_TYPES, type ScanMime } from './attachments/sniff';
export type { BlobFs } from './attachments/blob-files';
export type { HeldApplication } from './retention';
export { SETTING_DEFAULTS, type SettingKey } from './settings';

export const DATABASE_FILE = 'counterdesk.db';
export const SCANS_DIR = 'scans';

export interface OpenStoreOptions {
  /** Directory holding the database and, beside it, the scans. Created if missing. */
  dir: string;
  /** 32 random bytes. */
  key: Buffer;
  workstationId: string;
  /** The process's one clock (services/core/clock.ts): the store never reads the machine's time itself. */
  clock: () => Date;
  /**
   * Keys that may still wrap some scan keys after a key rotation that stopped between
   * re-wrapping and re-keying (see key-rotation.ts); normally absent.
   */
  otherKeys?: Buffer[];
  /**
   * The audit chain's HMAC key (issue 12 item 12). Electron passes the one it unwrapped from the
   * OS key store; absent, a 0600 key file beside the database (harness, tests, store CLI).
   */
  auditKey?: Buffer;
  /** Overrides the `attachments.maxBytes` setting (default 20 MB). */
  maxAttachmentBytes?: number;
  /** Test hook: file-system calls used for scan files. */
  fs?: BlobFs;
  /** Test hook: cap the database size in pages to provoke "disk full". */
  maxPageCount?: number;
}

export interface StoreHealth {
  userVersion: number;
  encrypted: boolean;
  integrity: 'ok' | string;
  /** When `integrity` was last computed (the full check reads every page, so it is cached). */
  integrityCheckedAt: string;
  path: string;
}

export interface Store {
  applications: ApplicationsRepo;
  attachments: Attachments;
  audit: {
    append(entry: AuditAppend): AuditEntry;
    verify(): AuditVerifyResult;
    /** The chain's committed head (keyed: only this workstation's audit key makes it). */
    head(): AuditHead;
    forSubject(subjectId: string): AuditEntry[];
    recent(limit?: number): AuditEntry[];
  };
  outbox: Outbox;
  settings: Settings;
  sequences: Sequences;
  retention: {
    held(): HeldApplication[];
    purgeExpired(actor?: string): { files: number; applications: number; forms: number };
  };
  /** Re-encrypt the database with `newKey` and re-wrap every scan key (files are not rewritten). */
  rotateKey(newKey: Buffer, actor: string): { rewrapped: number };
  /**
   * The full integrity check reads every page (about 0.4 s at 20k applications, 3 s at 100k),
   * so it runs on the first call and again only when asked (`recheck`); later calls are cheap.
   */
  health(opts?: { recheck?: boolean }): StoreHealth;
  /** Escape hatch for the CLI, tests and benchmarks; application code uses the repositories. */
  readonly db: Db;
  readonly path: string;
  close(): void;
}

const kekOf = (key: Buffer): Kek => {
  const k = deriveKek(key);
  return { id: kekId(k), key: k };
};

/** Wrap every method of a repository so failures reach callers as StoreErrors. */
function guardedBy(after: () => void) {
  return <T extends object>(what: string, repo: T): T => {
    const out: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(repo)) {
      out[name] =
        typeof fn === 'function'
          ? (...args: unknown[]) => {
              const r = translating(`${what}.${name}`, () => (fn as (...a: unknown[]) => unknown)(...args));
              after();
              return r;
            }
          : fn;
    }
    return out as T;
  };
}

export function openStore(opts: OpenStoreOptions): Store {
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const path = join(opts.dir, DATABASE_FILE);
  const db = openDatabase(path, opts.key, opts.maxPageCount !== undefined ? { maxPageCount: opts.maxPageCount } : {});
  try {
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  const checkpointer = createCheckpointer(db);
  let integrity: { result: string; atMs: number } | undefined;
  // After every write that committed: the keyed head goes outside the database too, so a tail
  // cut off the database shows (audit-log.ts). A failed anchor write never fails the save.
  const anchorAudit = () => {
    try {
      auditLog.anchor();
    } catch {
      /* the next write anchors again */
    }
  };
  const guarded = guardedBy(() => {
    checkpointer.afterWrite();
    anchorAudit();
  });
  const clock = opts.clock;
  const now = () => clock().toISOString();
  const auditLog = createAuditLog(db, opts.workstationId, now, opts.auditKey ? { key: opts.auditKey } : {});
  const outbox = createOutbox(db, now);
  const settings = createSettings(db, { now, audit: auditLog });
  const sequences = createSequences(db, opts.workstationId);
  const apps = createApplicationsRepo(db, { workstationId: opts.workstationId, now, audit: auditLog, outbox });
  const files = createBlobFiles(join(opts.dir, SCANS_DIR), opts.fs ?? realFs);
  const nameSalt = Buffer.from(
    translating('init scans', () => db.transaction(() => settings.internal('internal.blobNameSalt', () => randomBytes(32).toString('hex'))).immediate()),
    'hex',
  );
  // Mutable on purpose: rotateKey swaps the KEK in place for the live attachments repo.
  const attDeps: AttachmentsDeps = {
    now,
    audit: auditLog,
    outbox,
    files,
    kek: kekOf(opts.key),
    otherKeks: (opts.otherKeys ?? []).map(kekOf),
    nameSalt,
    maxBytes: () => opts.maxAttachmentBytes ?? settings.get('attachments.maxBytes'),
  };
  const attachments = createAttachments(db, attDeps);
  const retention = createRetention(db, { now: clock, audit: auditLog, files, scanDays: () => settings.get('retention.scanDays') });
  try {
    attachments.sweepOrphans();
    retention.purgeExpired();
  } catch {
    /* housekeeping that cannot run now runs at the next start */
  }

  return {
    applications: guarded('applications', apps),
    attachments: guarded('attachments', attachments),
    audit: {
      append: (entry) => {
        const e = translating('write audit log', () => auditLog.append(entry));
        checkpointer.afterWrite();
        anchorAudit();
        return e;
      },
      verify: () => auditLog.verify(),
      head: () => auditLog.head(),
      forSubject: (id) => auditLog.forSubject(id),
      recent: (limit) => auditLog.recent(limit),
    },
    outbox: guarded('outbox', outbox),
    settings: guarded('settings', settings),
    sequences: guarded('sequences', sequences),
    retention: guarded('retention', retention),
    rotateKey(newKey, actor) {
      return translating('rotate key', () => {
        const next = kekOf(newKey);
        // 1. Re-wrap scan keys (one transaction). 2. Re-encrypt the database. If the process
        // stops between the two, the old key still opens the database and `otherKeys` (the
        // pending key) unwraps the scans; running the rotation again finishes it.
        const rewrapped = db
          .transaction(() => {
            const n = attachments.rewrapAll(next);
            auditLog.append({ actor, action: 'key_rotated', details: { rewrapped: n, kekId: next.id } });
            return n;
          })
          .immediate();
        rekeyDatabase(db, newKey);
        attDeps.otherKeks = [attDeps.kek, ...(attDeps.otherKeks ?? [])];
        attDeps.kek = next;
        return { rewrapped };
      });
    },
    health(hopts) {
      const nowMs = clock().getTime();
      if (hopts?.recheck || !integrity) {
        integrity = { result: integrityCheck(db), atMs: nowMs };
      }
      return {
        userVersion: userVersion(db),
        encrypted: fileLooksEncrypted(path),
        integrity: integrity.result,
        integrityCheckedAt: new Date(integrity.atMs).toISOString(),
        path,
      };
    },
    db,
    path,
    close: () => {
      if (db.open) anchorAudit();
      checkpointer.stop();
      if (db.open) db.close();
    },
  };
}
