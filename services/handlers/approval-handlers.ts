import { approvalContract } from '../../api/contracts/approval-contract';
import { ApiError } from '../../api/result';
import { reconcile } from '../../domain/reconciliation';
import { REJECTION_REASONS, type RejectionReason } from '../../domain/workflow';
import { collectDayEnd, renderDayEndCsv, renderDayEndPdf } from '../reports';
import type { SessionState } from '../auth';
import type { CoreDeps } from '../core/app-core';
import type { AreaHandlers } from './area-handlers';
import { sessionServices } from './session-services';
import { intakeService } from './intake-handlers';

export function createApprovalHandlers(deps: CoreDeps, session: SessionState): AreaHandlers<typeof approvalContract> {
  const s = () => sessionServices(deps, session);
  const name = (actor: string) => s().auth.displayNameOf(actor);
  const dayEnd = (day: string, paperCounts: Record<string, number> | undefined) => {
    const who = s().auth.decider();
    if (!who.user.roles.some((r) => r === 'supervisor' || r === 'workstation_admin')) {
      throw new ApiError('forbidden', 'Supervisors only', 'approval.error.wrongRole');
    }
    // The queue's mapping, so the report counts what this service point's supervisors can
    // decide: rows of workstations not known to be of it (synced from elsewhere) are left out.
    const { servicePoint, servicePointOf } = s().approval;
    let records;
    try {
      records = collectDayEnd(deps.store, day, (ws) => servicePointOf(ws) ?? '').filter((r) => r.servicePoint === servicePoint);
    } catch (e) {
      if (e instanceof RangeError) throw new ApiError('invalid_input', 'Not a day', 'api.error.invalidInput');
      throw e;
    }
    return { who, report: reconcile(records, paperCounts ?? {}) };
  };
  return {
    'approval.queue': () =>
      s()
        .approval.queue()
        .map((q) => ({ ...q, submittedByName: name(q.submittedBy) })),
    'approval.open': ({ id }) => {
      const r = s().approval.open(id);
      const data = typeof r.data === 'object' && r.data !== null && !Array.isArray(r.data) ? (r.data as Record<string, unknown>) : {};
      return {
        ...r,
        data,
        createdByName: name(r.createdBy),
        statusHistory: r.statusHistory.map((h) => ({ ...h, actorName: name(h.actor), ...(h.onSessionOf ? { onSessionOfName: name(h.onSessionOf) } : {}) })),
        checklist: r.checklist.map((c) => ({ ...c, updatedByName: name(c.updatedBy) })),
      };
    },
    'approval.scanPage': ({ attachmentId, page }) => s().approval.scanPage(attachmentId, page),
    'approval.decide': ({ id, ...input }) => s().approval.decide(id, input),
    'approval.bulkApprove': async ({ ids, password }) => {
      const r = await s().approval.bulkApprove(ids, password);
      return {
        approved: r.approved,
        refused: r.refused.map((x) => ({
          id: x.id,
          code: x.code,
          ...(x.messageKey ? { messageKey: x.messageKey } : {}),
          ...(x.params ? { params: x.params } : {}),
        })),
      };
    },
    // One submission path: the rules, FAQ 8 and the application number live in intake.
    'approval.submit': ({ id }) => {
      const r = intakeService(deps, session).submit(id, undefined);
      return { id: r.id, status: r.status };
    },
    'approval.lastDecision': ({ id }) => {
      const d = s().approval.lastDecision(id);
      if (!d) return null;
      const reasonCode = (REJECTION_REASONS as readonly string[]).includes(d.reasonCode ?? '') ? (d.reasonCode as RejectionReason) : null;
      return { ...d, reasonCode, actorName: name(d.actor) };
    },
    'approval.dayEnd': ({ day, paperCounts }) => ({ day, ...dayEnd(day, paperCounts).report }),
    'approval.dayEndExport': async ({ day, paperCounts, format, locale }) => {
      const { who, report } = dayEnd(day, paperCounts);
      const base = `day-end-${deps.config.servicePoint.code}-${deps.config.workstationId}-${day}`;
      const out =
        format === 'csv'
          ? { fileName: `${base}.csv`, mime: 'text/csv' as const, base64: Buffer.from(renderDayEndCsv(report, locale), 'utf8').toString('base64') }
          : {
              fileName: `${base}.pdf`,
              mime: 'application/pdf' as const,
              base64: (
                await renderDayEndPdf(report, { locale, day, generatedAt: new Date(), ...(deps.fontDirectory ? { fontDirectory: deps.fontDirectory } : {}) })
              ).toString('base64'),
            };
      deps.store.audit.append({
        actor: who.user.actor,
        action: 'export',
        details: { report: 'day_end', day, format, balanced: report.balanced, onSessionOf: who.onSessionOf?.actor ?? null },
      });
      return out;
    },
  };
}
