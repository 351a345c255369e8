import { approvalContract } from '../../api/contracts/approval-contract';
import type { SessionState } from '../auth';
import type { CoreDeps } from '../core/app-core';
import type { AreaHandlers } from './area-handlers';
import { sessionServices } from './session-services';

export function createApprovalHandlers(deps: CoreDeps, session: SessionState): AreaHandlers<typeof approvalContract> {
  const s = () => sessionServices(deps, session);
  const name = (actor: string) => s().auth.displayNameOf(actor);
  return {
    'approval.queue': () => s().approval.queue().map((q) => ({ ...q, submittedByName: name(q.submittedBy) })),
    'approval.open': ({ id }) => {
      const r = s().approval.open(id);
      const data = typeof r.data === 'object' && r.data !== null && !Array.isArray(r.data) ? (r.data as Record<string, unknown>) : {};
      return {
        ...r,
        data,
        createdByName: name(r.createdBy),
        statusHistory: r.statusHistory.map((h) => ({ ...h, actorName: name(h.actor) })),
        checklist: r.checklist.map((c) => ({ ...c, updatedByName: name(c.updatedBy) })),
      };
    },
    'approval.scanPage': ({ attachmentId, page }) => s().approval.scanPage(attachmentId, page),
    'approval.decide': ({ id, ...input }) => s().approval.decide(id, input),
    'approval.bulkApprove': async ({ ids, password }) => {
      const r = await s().approval.bulkApprove(ids, password);
      return { approved: r.approved, refused: r.refused.map((x) => ({ id: x.id, code: x.code, ...(x.messageKey ? { messageKey: x.messageKey } : {}) })) };
    },
  };
}
