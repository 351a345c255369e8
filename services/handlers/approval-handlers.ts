import { approvalContract } from '../../api/contracts/approval-contract';
import { REJECTION_REASONS, type RejectionReason } from '../../domain/workflow';
import type { ApprovalRefusalCode } from '../approval';
import type { AuthRefusalCode } from '../auth';
import type { CoreServices } from '../core/core-deps';
import type { DayEndRefusalCode } from '../reports/day-end-service';
import type { AreaHandlers } from './area-handlers';
import { AUTH_REFUSALS } from './auth-handlers';
import { INTAKE_REFUSALS } from './intake-handlers';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { WORKFLOW_REFUSALS } from './workflow-refusals';

/** Approval's refusals; bulk approval re-authenticates, so auth's are said here too. */
const APPROVAL_REFUSALS: RefusalTable<ApprovalRefusalCode | DayEndRefusalCode | AuthRefusalCode> = {
  ...AUTH_REFUSALS,
  ...WORKFLOW_REFUSALS,
  not_found: { code: 'not_found', key: 'api.error.notFound' },
  other_service_point: { code: 'forbidden', key: 'approval.error.otherServicePoint' },
  not_reviewed: { code: 'refused', key: 'approval.error.notReviewed' },
  not_a_day: { code: 'invalid_input', key: 'api.error.invalidInput' },
};

export function createApprovalHandlers(services: Pick<CoreServices, 'auth' | 'approval' | 'intake' | 'dayEnd'>): AreaHandlers<typeof approvalContract> {
  const { auth, approval, intake, dayEnd } = services;
  const name = (actor: string) => auth.displayNameOf(actor);
  return mappingRefusals(APPROVAL_REFUSALS, {
    'approval.queue': () => approval.queue().map((q) => ({ ...q, submittedByName: name(q.submittedBy) })),
    'approval.open': ({ id }) => {
      const r = approval.open(id);
      return {
        ...r,
        createdByName: name(r.createdBy),
        statusHistory: r.statusHistory.map((h) => ({ ...h, actorName: name(h.actor), ...(h.onSessionOf ? { onSessionOfName: name(h.onSessionOf) } : {}) })),
        checklist: r.checklist.map((c) => ({ ...c, updatedByName: name(c.updatedBy) })),
      };
    },
    'approval.scanPage': ({ attachmentId, page }) => approval.scanPage(attachmentId, page),
    'approval.decide': ({ id, ...input }) => approval.decide(id, input),
    'approval.bulkApprove': async ({ ids, password }) => {
      const r = await approval.bulkApprove(ids, password);
      return {
        approved: r.approved,
        refused: r.refused.map((x) => {
          const m = APPROVAL_REFUSALS[x.code];
          return { id: x.id, code: m.code, messageKey: m.key, ...(x.params ? { params: { ...x.params } } : {}) };
        }),
      };
    },
    // One submission path: the rules, FAQ 8 and the application number live in intake.
    ...mappingRefusals(INTAKE_REFUSALS, {
      'approval.submit': ({ id }: { id: string }) => {
        const r = intake.submit(id, undefined);
        return { id: r.id, status: r.status };
      },
    }),
    'approval.lastDecision': ({ id }) => {
      const d = approval.lastDecision(id);
      if (!d) return null;
      const reasonCode = (REJECTION_REASONS as readonly string[]).includes(d.reasonCode ?? '') ? (d.reasonCode as RejectionReason) : null;
      return { ...d, reasonCode, actorName: name(d.actor) };
    },
    'approval.dayEnd': ({ day, paperCounts }) => ({ day, ...dayEnd.report(day, paperCounts) }),
    'approval.dayEndExport': ({ day, paperCounts, format, locale }) => dayEnd.export(day, paperCounts, format, locale),
  });
}
