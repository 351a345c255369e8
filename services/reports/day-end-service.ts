import { reconcile, type ReconciliationReport } from '../../domain/reconciliation';
import type { Locale } from '../../i18n';
import type { SignedInUser } from '../auth';
import type { Clock } from '../core/clock';
import { Refusal } from '../core/refusal';
import type { WorkstationConfig } from '../core/workstation-config';
import type { Store } from '../store';
import { renderDayEndCsv } from './day-end-csv';
import { collectDayEnd, collectDayEndApplications } from './day-end-data';
import { renderDayEndPdf } from './day-end-pdf';
import { auditHeadLines, type SignedAuditHead } from './audit-head';

/** Why a day-end call was refused; services/handlers/approval-handlers.ts says it to the user. */
export type DayEndRefusalCode = 'wrong_role' | 'not_a_day';

export interface DayEndServiceDeps {
  store: Store;
  config: WorkstationConfig;
  /** Who decides right now (an elevated supervisor on top of a clerk's session counts). */
  decider(): { user: SignedInUser; onSessionOf: SignedInUser | null };
  /** This workstation's service point, and the approval queue's mapping of workstations to service points. */
  servicePoint: string;
  servicePointOf(workstationId: string): string | null;
  clock: Clock;
  fontDirectory?: string;
  /** The audit chain's head, signed when the workstation can sign; printed on the report (issue 12 item 12). */
  auditHead?: () => SignedAuditHead;
}

export interface DayEndFile {
  fileName: string;
  mime: 'text/csv' | 'application/pdf';
  base64: string;
}

/** The supervisor's day-end reconciliation (FAQ-free: the office's own counting) and its export. */
export function createDayEndService(deps: DayEndServiceDeps) {
  function report(day: string, paperCounts: Readonly<Record<string, number>> = {}) {
    const who = deps.decider();
    if (!who.user.roles.some((r) => r === 'supervisor' || r === 'workstation_admin')) throw new Refusal<DayEndRefusalCode>('wrong_role', 'Supervisors only');
    // The queue's mapping, so the report counts what this service point's supervisors can
    // decide: rows of workstations not known to be of it (synced from elsewhere) are left out.
    let records;
    try {
      records = collectDayEnd(deps.store, day, (ws) => deps.servicePointOf(ws) ?? '').filter((r) => r.servicePoint === deps.servicePoint);
    } catch (e) {
      if (e instanceof RangeError) throw new Refusal<DayEndRefusalCode>('not_a_day', 'Not a day');
      throw e;
    }
    const applications = () =>
      collectDayEndApplications(deps.store, day, (ws) => deps.servicePointOf(ws) ?? '').filter((a) => a.servicePoint === deps.servicePoint);
    return { who, report: reconcile(records, paperCounts), applications };
  }

  return {
    report: (day: string, paperCounts?: Readonly<Record<string, number>>): ReconciliationReport => report(day, paperCounts).report,

    /** The report as a file, its export audited (who, which day, balanced or not). */
    async export(day: string, paperCounts: Readonly<Record<string, number>> | undefined, format: 'csv' | 'pdf', locale: Locale): Promise<DayEndFile> {
      const { who, report: r, applications } = report(day, paperCounts);
      const auditLines = deps.auditHead ? auditHeadLines(locale, deps.auditHead()) : [];
      const base = `day-end-${deps.config.servicePoint.code}-${deps.config.workstationId}-${day}`;
      const out: DayEndFile =
        format === 'csv'
          ? {
              fileName: `${base}.csv`,
              mime: 'text/csv',
              base64: Buffer.from(renderDayEndCsv(r, locale, applications(), auditLines), 'utf8').toString('base64'),
            }
          : {
              fileName: `${base}.pdf`,
              mime: 'application/pdf',
              base64: (
                await renderDayEndPdf(r, {
                  locale,
                  day,
                  generatedAt: deps.clock(),
                  applications: applications(),
                  auditLines,
                  ...(deps.fontDirectory ? { fontDirectory: deps.fontDirectory } : {}),
                })
              ).toString('base64'),
            };
      deps.store.audit.append({
        actor: who.user.actor,
        action: 'export',
        details: { report: 'day_end', day, format, balanced: r.balanced, onSessionOf: who.onSessionOf?.actor ?? null },
      });
      return out;
    },
  };
}

export type DayEndService = ReturnType<typeof createDayEndService>;
