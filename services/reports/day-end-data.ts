import type { ApplicationStatus } from '../../domain/model/codes';
import type { ReconciliationRecord, ReprintTally } from '../../domain/reconciliation';
import type { Store } from '../store';
import { macauDayBounds } from '../../domain/macau-day';

export { macauDayBounds };

/**
 * The facts the day-end reconciliation needs for `day` (Macau time): the applications taken
 * in that day (status, whether ever submitted, whether the central API holds it), and the
 * receipts reprinted that day per workstation, whichever day their application is from.
 */
export function collectDayEnd(store: Store, day: string, servicePointOf: (workstationId: string) => string): (ReconciliationRecord | ReprintTally)[] {
  const { from, to } = macauDayBounds(day);
  const rows = store.db
    .prepare<[string, string], { id: string; workstation_id: string; status: string; acked_at: string | null; submitted: number }>(
      `SELECT a.id, a.workstation_id, a.status, a.acked_at,
         EXISTS (SELECT 1 FROM application_status_history h WHERE h.application_id = a.id AND h.status = 'pending_approval') AS submitted
       FROM applications a WHERE a.created_at >= ? AND a.created_at < ?`,
    )
    .all(from, to);
  const reprints = store.db
    .prepare<[string, string], { workstation_id: string; n: number }>(
      `SELECT workstation_id, count(*) AS n FROM audit_log WHERE action = 'reprint' AND at >= ? AND at < ? GROUP BY workstation_id`,
    )
    .all(from, to);
  return [
    ...rows.map((r) => ({
      workstationId: r.workstation_id,
      servicePoint: servicePointOf(r.workstation_id),
      status: r.status as ApplicationStatus,
      submitted: r.submitted === 1,
      synced: r.acked_at !== null,
      reprints: 0,
    })),
    ...reprints.map((r): ReprintTally => ({ kind: 'reprints', workstationId: r.workstation_id, servicePoint: servicePointOf(r.workstation_id), count: r.n })),
  ];
}
