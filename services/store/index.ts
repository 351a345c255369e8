import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileLooksEncrypted, integrityCheck, openDatabase, type Db } from './database';
import { migrate, userVersion } from './migrate';
import { createAuditLog, type AuditAppend, type AuditEntry, type AuditVerifyResult } from './audit-log';
import { createOutbox, type Outbox } from './outbox';
import { createApplicationsRepo, type ApplicationsRepo } from './applications';
import { translating } from './errors';

export { StoreError, isStoreError, STORE_ERROR_CODES, type StoreErrorCode } from './errors';
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditAppend, type AuditVerifyResult } from './audit-log';
export type { SearchTerms } from './search-terms';
export type {
  ApplicationRecord,
  ApplicationSummary,
  StatusHistoryEntry,
  ListFilter,
  CreateDraftInput,
  SaveDraftInput,
  SetStatusInput,
} from './applications';
export type { OutboxItem } from './outbox';

export const DATABASE_FILE = 'counterdesk.db';

export interface OpenStoreOptions {
  /** Directory holding the database (and, beside it, the scans). Created if missing. */
  dir: string;
  /** 32 random bytes. */
  key: Buffer;
  workstationId: string;
  clock?: () => Date;
  /** Test hook: cap the database size in pages to provoke "disk full". */
  maxPageCount?: number;
}

export interface StoreHealth {
  userVersion: number;
  encrypted: boolean;
  integrity: 'ok' | string;
  path: string;
}

export interface Store {
  applications: ApplicationsRepo;
  audit: {
    append(entry: AuditAppend): AuditEntry;
    verify(): AuditVerifyResult;
    forSubject(subjectId: string): AuditEntry[];
    recent(limit?: number): AuditEntry[];
  };
  outbox: Outbox;
  health(): StoreHealth;
  /** Escape hatch for the CLI, tests and benchmarks; application code uses the repositories. */
  readonly db: Db;
  readonly path: string;
  close(): void;
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
  const clock = opts.clock ?? (() => new Date());
  const now = () => clock().toISOString();
  const auditLog = createAuditLog(db, opts.workstationId, now);
  const outbox = createOutbox(db, now);
  const apps = createApplicationsRepo(db, { workstationId: opts.workstationId, now, audit: auditLog, outbox });

  // Every public write goes through `translating` so a full disk or a corrupt page reaches the
  // caller as a StoreError with a clerk-facing message, never as a raw SQLite error.
  const applications: ApplicationsRepo = {
    createDraft: (input) => translating('save application', () => apps.createDraft(input)),
    saveDraft: (id, input) => translating('save application', () => apps.saveDraft(id, input)),
    setStatus: (id, input) => translating('change application status', () => apps.setStatus(id, input)),
    get: (id) => translating('read application', () => apps.get(id)),
    list: (filter) => translating('list applications', () => apps.list(filter)),
    search: (query, limit) => translating('search applications', () => apps.search(query, limit)),
    markAcknowledged: (id, actor) => translating('mark acknowledged', () => apps.markAcknowledged(id, actor)),
  };

  return {
    applications,
    audit: {
      append: (entry) => translating('write audit log', () => auditLog.append(entry)),
      verify: () => auditLog.verify(),
      forSubject: (id) => auditLog.forSubject(id),
      recent: (limit) => auditLog.recent(limit),
    },
    outbox,
    health: () => ({ userVersion: userVersion(db), encrypted: fileLooksEncrypted(path), integrity: integrityCheck(db), path }),
    db,
    path,
    close: () => {
      if (db.open) db.close();
    },
  };
}
