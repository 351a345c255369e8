import { REJECTION_REASONS } from '../../domain/workflow';
import { isMessageKey, type MessageKey } from '../../i18n';
import type { HistoryEntry } from '../../api/contracts/history-contract';
import type { PulledApplication } from './pulled-applications';

// The history of an application taken in at another workstation of the service point, as the
// server's pull carries it (api/sync/pull.ts: status, who, when, where, decision and reason
// code per step). The form's own steps (scans, saves) stay at the workstation that took it in;
// what a supervisor or the clerk needs here is who submitted and who decided, and when.
// Free text (return notes, rejection texts) is never shown, as for local history.

type Step = PulledApplication['history'][number];

const actionOf = (h: Step): string => {
  if (h.decision) return h.decision;
  if (h.status === 'pending_approval') return 'submit';
  return 'status_change';
};

function summaryOf(h: Step, previous: Step | undefined, number: string): { key: MessageKey; params?: Record<string, string | number> } | undefined {
  const key = (k: string, params?: Record<string, string | number>) => (isMessageKey(k) ? { key: k, ...(params ? { params } : {}) } : undefined);
  switch (actionOf(h)) {
    case 'submit':
      return previous?.status === 'returned' ? key('history.summary.resubmitted') : key('history.summary.number', { number });
    case 'reject':
      return h.reasonCode && (REJECTION_REASONS as readonly string[]).includes(h.reasonCode) ? key(`approval.reason.${h.reasonCode}`) : undefined;
    case 'status_change':
      return key(`status.app.${h.status}`);
    default:
      return undefined;
  }
}

/** The server's steps as history entries, oldest first, in this workstation's actor form. */
export function pulledHistoryOf(a: PulledApplication, nameOf: (actor: string) => string): HistoryEntry[] {
  return a.history.map((h, i) => {
    const actor = `staff:${h.actor}`;
    const summary = summaryOf(h, a.history[i - 1], a.applicationNumber);
    return { at: h.at, action: actionOf(h), actor, actorName: nameOf(actor), workstationId: h.workstationId, count: 1, ...(summary ? { summary } : {}) };
  });
}
