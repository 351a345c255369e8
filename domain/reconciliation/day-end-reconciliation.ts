import type { ApplicationStatus } from '../model/codes';

/**
 * Day-end reconciliation (issue 7): for each workstation and service point,
 *   forms received = forms submitted = approved + rejected + returned + pending,
 * plus how many reached the central API and how many receipts were reprinted.
 * Every failing equation is reported with both sides and the difference, so the report can
 * highlight it instead of the supervisor doing sums on paper.
 */
export interface ReconciliationRecord {
  workstationId: string;
  servicePoint: string;
  status: ApplicationStatus;
  /** Has the form ever been submitted to the queue (a return does not undo that). */
  submitted: boolean;
  /** The central API confirmed it holds the application. */
  synced: boolean;
  reprints: number;
}

/**
 * Receipts reprinted on the day at a workstation, whatever day their application was taken
 * in (a person back for a lost receipt): a reprint belongs to the day and the counter where
 * it was made, so an older day's report does not change when someone reprints today.
 */
export interface ReprintTally {
  kind: 'reprints';
  workstationId: string;
  servicePoint: string;
  count: number;
}

export interface ReconciliationCounts {
  /** Paper forms taken in: the clerk's own count when given, else the applications recorded. */
  received: number;
  recorded: number;
  /** Recorded but never submitted (still drafts at day end). */
  drafts: number;
  submitted: number;
  approved: number;
  rejected: number;
  returned: number;
  pending: number;
  /** Submitted applications the central API holds (a synced draft is not counted: see add()). */
  synced: number;
  /** Submitted applications the central API does not hold yet. */
  notSynced: number;
  reprints: number;
}

export const RECONCILIATION_CHECKS = ['received_equals_recorded', 'received_equals_submitted', 'submitted_equals_outcomes', 'all_synced'] as const;
export type ReconciliationCheck = (typeof RECONCILIATION_CHECKS)[number];

export interface ReconciliationDifference {
  check: ReconciliationCheck;
  left: number;
  right: number;
  /** left − right */
  difference: number;
}

export interface ReconciliationGroup {
  workstationId: string;
  servicePoint: string;
  counts: ReconciliationCounts;
  differences: ReconciliationDifference[];
}

export interface ReconciliationReport {
  groups: ReconciliationGroup[];
  totals: ReconciliationCounts;
  totalDifferences: ReconciliationDifference[];
  balanced: boolean;
}

const zero = (): ReconciliationCounts => ({
  received: 0,
  recorded: 0,
  drafts: 0,
  submitted: 0,
  approved: 0,
  rejected: 0,
  returned: 0,
  pending: 0,
  synced: 0,
  notSynced: 0,
  reprints: 0,
});

const groupKey = (workstationId: string, servicePoint: string) => `${workstationId}\u0000${servicePoint}`;

function differencesOf(c: ReconciliationCounts, paperCounted: boolean): ReconciliationDifference[] {
  const out: ReconciliationDifference[] = [];
  const check = (name: ReconciliationCheck, left: number, right: number) => {
    if (left !== right) out.push({ check: name, left, right, difference: left - right });
  };
  if (paperCounted) check('received_equals_recorded', c.received, c.recorded);
  check('received_equals_submitted', c.received, c.submitted);
  check('submitted_equals_outcomes', c.submitted, c.approved + c.rejected + c.returned + c.pending);
  // Decided applications should have reached the central API before the day closes.
  check('all_synced', c.submitted, c.synced);
  return out;
}

function add(into: ReconciliationCounts, r: ReconciliationRecord | ReprintTally): void {
  if ('kind' in r) {
    into.reprints += r.count;
    return;
  }
  // A discarded draft (issue 5: duplicate or started by mistake) was never taken in: the paper
  // went back to the person, so it is neither recorded nor received. Only a never-submitted
  // draft can be discarded, so no submitted count loses it.
  if (r.status === 'discarded') return;
  into.recorded += 1;
  into.reprints += r.reprints;
  if (!r.submitted) {
    into.drafts += 1;
    return;
  }
  into.submitted += 1;
  // Only submitted applications: 'all_synced' compares with `submitted`, and a draft synced
  // (as work in progress) would otherwise hide a submitted application that did not sync.
  if (r.synced) into.synced += 1;
  else into.notSynced += 1;
  if (r.status === 'approved') into.approved += 1;
  else if (r.status === 'rejected') into.rejected += 1;
  else if (r.status === 'returned') into.returned += 1;
  else if (r.status === 'pending_approval') into.pending += 1;
  // A submitted form back in 'draft' counts in no outcome: the equation then shows it.
}

/**
 * `paperCounts` (key `workstationId/servicePoint`) are the forms the clerk counted by hand;
 * without one, received = recorded.
 */
export function reconcile(records: readonly (ReconciliationRecord | ReprintTally)[], paperCounts: Readonly<Record<string, number>> = {}): ReconciliationReport {
  const groups = new Map<string, { workstationId: string; servicePoint: string; counts: ReconciliationCounts }>();
  for (const [key] of Object.entries(paperCounts)) {
    const [ws, sp] = key.split('/');
    if (ws && sp && !groups.has(groupKey(ws, sp))) groups.set(groupKey(ws, sp), { workstationId: ws, servicePoint: sp, counts: zero() });
  }
  for (const r of records) {
    const k = groupKey(r.workstationId, r.servicePoint);
    let g = groups.get(k);
    if (!g) {
      g = { workstationId: r.workstationId, servicePoint: r.servicePoint, counts: zero() };
      groups.set(k, g);
    }
    add(g.counts, r);
  }
  const totals = zero();
  let anyPaper = false;
  const out: ReconciliationGroup[] = [...groups.values()]
    .sort((a, b) => a.servicePoint.localeCompare(b.servicePoint) || a.workstationId.localeCompare(b.workstationId))
    .map((g) => {
      const paper = paperCounts[`${g.workstationId}/${g.servicePoint}`];
      g.counts.received = paper ?? g.counts.recorded;
      anyPaper ||= paper !== undefined;
      for (const k of Object.keys(totals) as (keyof ReconciliationCounts)[]) totals[k] += g.counts[k];
      return { ...g, differences: differencesOf(g.counts, paper !== undefined) };
    });
  const totalDifferences = differencesOf(totals, anyPaper);
  return { groups: out, totals, totalDifferences, balanced: out.every((g) => g.differences.length === 0) };
}
