import { APPLICATION_SCHEMA_VERSION } from '../../domain/model/application-document';
import type { Db } from './database';
import type { AuditLog } from './audit-log';
import type { BlobFiles } from './attachments/blob-files';

export interface HeldApplication {
  applicationId: string;
  applicationNumber: string | null;
  status: string;
  createdAt: string;
  /** When the central API acknowledged it; null = not yet, so the scans must stay. */
  ackedAt: string | null;
  files: number;
  bytes: number;
  /** When the oldest scan file still here was stored. */
  heldSince: string;
  /** When retention will purge the files (null while not acknowledged). */
  purgeDueAt: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Scans are personal data: once the central API holds an application and its scans, the
 * local files go after N days. Hashes (blobs rows) and the audit trail stay.
 */
export function createRetention(db: Db, deps: { now: () => Date; audit: AuditLog; files: BlobFiles; scanDays: () => number }) {
  const heldStmt = db.prepare<
    [],
    Omit<HeldApplication, 'purgeDueAt' | 'applicationId' | 'applicationNumber' | 'createdAt' | 'ackedAt'> & {
      id: string;
      application_number: string | null;
      created_at: string;
      acked_at: string | null;
    }
  >(
    `SELECT ap.id, ap.application_number, ap.status, ap.created_at, ap.acked_at,
            count(*) AS files, sum(x.size) AS bytes, min(x.stored_at) AS heldSince
     FROM applications ap
     JOIN (SELECT DISTINCT a.application_id, b.sha256, b.size, b.stored_at
           FROM attachments a
           JOIN attachment_pages p ON p.attachment_id = a.id
           JOIN blobs b ON b.sha256 = p.blob_sha256 AND b.purged_at IS NULL) x ON x.application_id = ap.id
     GROUP BY ap.id ORDER BY heldSince, ap.rowid`,
  );
  // A blob may serve pages of several applications: purge it only when every one is due.
  const dueStmt = db.prepare<{ cutoff: string }, { sha256: string; file_name: string; apps: string }>(
    `SELECT b.sha256, b.file_name,
            (SELECT json_group_array(DISTINCT a.application_id) FROM attachment_pages p JOIN attachments a ON a.id = p.attachment_id WHERE p.blob_sha256 = b.sha256) AS apps
     FROM blobs b
     WHERE b.purged_at IS NULL
       AND EXISTS (SELECT 1 FROM attachment_pages p WHERE p.blob_sha256 = b.sha256)
       AND NOT EXISTS (
         SELECT 1 FROM attachment_pages p JOIN attachments a ON a.id = p.attachment_id JOIN applications ap ON ap.id = a.application_id
         WHERE p.blob_sha256 = b.sha256 AND (ap.acked_at IS NULL OR ap.acked_at > @cutoff))`,
  );
  const markPurged = db.prepare('UPDATE blobs SET purged_at = ? WHERE sha256 = ? AND purged_at IS NULL');
  // Issue 12 item 15: decided applications the central server confirmed durable (acked_at, set
  // from its ledger by services/sync/ledger-durability.ts) more than N days ago. Never one the
  // server has not confirmed: a workstation never enrolled keeps every form (the only copy).
  const formsDueStmt = db.prepare<{ cutoff: string }, { id: string; kind: string }>(
    `SELECT id, kind FROM applications
     WHERE personal_data_purged_at IS NULL AND acked_at IS NOT NULL AND acked_at <= @cutoff AND status IN ('approved', 'rejected')
     ORDER BY acked_at, id`,
  );
  const forgetForm = {
    bigrams: db.prepare('DELETE FROM name_bigrams WHERE name_id IN (SELECT id FROM entity_names WHERE application_id = ?)'),
    names: db.prepare('DELETE FROM entity_names WHERE application_id = ?'),
    terms: db.prepare(`DELETE FROM search_terms WHERE application_id = ? AND kind <> 'application_number'`),
    row: db.prepare('UPDATE applications SET data = ?, search = ?, personal_data_purged_at = ? WHERE id = ?'),
    reasons: db.prepare('UPDATE application_status_history SET reason = NULL WHERE application_id = ?'),
    ops: db.prepare(`UPDATE sync_ops SET body = '{"purged":true}' WHERE record_id = ? AND state = 'acked'`),
    // The form as it stood at each return for correction (migration 12): the same personal data.
    returned: db.prepare('DELETE FROM application_returned_versions WHERE application_id = ?'),
  };
  const NO_TERMS = JSON.stringify({ entityNames: [], registrationNumbers: [], idNumbers: [] });

  /**
   * What stays of a purged application: its id, kind, status and number, the status history
   * (who and when, without reasons typed), when the server confirmed it, its scans' hashes and
   * the audit trail — enough for the work list (by number), receipt verification (number →
   * status) and the history screen. The form (names, ID numbers, addresses, contacts, notes),
   * its search index, the forms kept from returns for correction and the frozen sync op that
   * carried it go.
   */
  function purgeForm(app: { id: string; kind: string }, at: string, actor: string, days: number): void {
    forgetForm.bigrams.run(app.id);
    forgetForm.names.run(app.id);
    forgetForm.terms.run(app.id);
    forgetForm.row.run(JSON.stringify({ kind: app.kind, schemaVersion: APPLICATION_SCHEMA_VERSION }), NO_TERMS, at, app.id);
    forgetForm.reasons.run(app.id);
    forgetForm.ops.run(app.id);
    forgetForm.returned.run(app.id);
    // After the change: the entry's row hash is the purged row's.
    deps.audit.append({ actor, action: 'purge_form', subjectId: app.id, details: { scanDays: days } });
  }

  return {
    held(): HeldApplication[] {
      const days = deps.scanDays();
      return heldStmt.all().map((r) => ({
        applicationId: r.id,
        applicationNumber: r.application_number,
        status: r.status,
        createdAt: r.created_at,
        ackedAt: r.acked_at,
        files: r.files,
        bytes: r.bytes,
        heldSince: r.heldSince,
        purgeDueAt: r.acked_at ? new Date(Date.parse(r.acked_at) + days * DAY_MS).toISOString() : null,
      }));
    },
    /** Purge scan files whose applications were all acknowledged more than N days ago. */
    purgeExpired(actor = 'retention'): { files: number; applications: number; forms: number } {
      const now = deps.now();
      const cutoff = new Date(now.getTime() - deps.scanDays() * DAY_MS).toISOString();
      const purged = db
        .transaction(() => {
          const due = dueStmt.all({ cutoff });
          const byApp = new Map<string, string[]>();
          for (const b of due) {
            markPurged.run(now.toISOString(), b.sha256);
            for (const app of JSON.parse(b.apps) as string[]) byApp.set(app, [...(byApp.get(app) ?? []), b.sha256]);
          }
          for (const [app, shas] of byApp) {
            deps.audit.append({ actor, action: 'purge', subjectId: app, details: { sha256: shas, scanDays: deps.scanDays() } });
          }
          const forms = formsDueStmt.all({ cutoff });
          for (const app of forms) purgeForm(app, now.toISOString(), actor, deps.scanDays());
          return { names: due.map((b) => b.file_name), applications: byApp.size, forms: forms.length };
        })
        .immediate();
      // Files go after the commit: a crash in between leaves files the orphan sweep removes.
      for (const n of purged.names) deps.files.remove(n);
      return { files: purged.names.length, applications: purged.applications, forms: purged.forms };
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;

/**
 * Bounds for the administrator's retention settings (store-cli set-retention / set-max-scan-mb).
 * At least a day after acknowledgement, so a scan the central API turns out to lack can still be
 * sent again; at most ten years. Scans up to 64 MB: the upload sessions refuse larger files
 * (services/handlers/attachment-handlers.ts), so a higher limit would only promise what fails.
 */
export const RETENTION_LIMITS = {
  scanDays: { min: 1, max: 3650 },
  maxScanMb: { min: 1, max: 64 },
} as const;

export type ParsedSetting = { ok: true; value: number } | { ok: false; message: string };

/** A whole number within bounds, as an administrator typed it (no units, no 1e3, no "30 days"). */
export function parseBoundedInteger(what: string, text: string | undefined, bounds: { min: number; max: number }): ParsedSetting {
  const t = (text ?? '').trim();
  if (!/^\d{1,6}$/.test(t))
    return { ok: false, message: `${what} must be a whole number from ${bounds.min} to ${bounds.max} (got ${JSON.stringify(text ?? '')}).` };
  const value = Number(t);
  if (value < bounds.min || value > bounds.max) return { ok: false, message: `${what} must be from ${bounds.min} to ${bounds.max} (got ${value}).` };
  return { ok: true, value };
}

/**
 * Purging otherwise runs only when the store opens; a workstation left running for weeks would
 * hold acknowledged scans past their date. The timer does not keep the process alive, and a
 * failure (database busy, disk full) is logged and retried at the next tick.
 */
export function startPeriodicPurge(purge: () => unknown, intervalMs: number, log?: (msg: string, err?: unknown) => void): { stop(): void } {
  const timer = setInterval(() => {
    try {
      purge();
    } catch (e) {
      log?.('retention: periodic purge failed; retrying at the next interval', e);
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
