import type { ApplicationStatus } from '../../domain/model/codes';
import type { ReconciliationRecord } from '../../domain/reconciliation';
import type { Store } from '../store';

/** `YYYY-MM-DD` in Macau time (UTC+8, no daylight saving) → the UTC instants bounding it. */
export function macauDayBounds(day: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const utc = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  // Round trip: JavaScript would quietly read 31 February as 3 March.
  if (!utc || Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== day) throw new RangeError(`not a day: ${day}`);
  const from = new Date(utc.getTime() - 8 * 3_600_000);
  return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
}

/**
 * The facts the day-end reconciliation needs, for the applications taken in on `day`
 * (Macau time): status, whether ever submitted, whether the central API holds it, reprints.
 */
export function collectDayEnd(store: Store, day: string, servicePointOf: (workstationId: string) => string): ReconciliationRecord[] {
  const { from, to } = macauDayBounds(day);
  const rows = store.db
    .prepare<[string, string], { id: string; workstation_id: string; status: string; acked_at: string | null; submitted: number; reprints: number }>(
      `SELECT a.id, a.workstation_id, a.status, a.acked_at,
         EXISTS (SELECT 1 FROM application_status_history h WHERE h.application_id = a.id AND h.status = 'pending_approval') AS submitted,
         (SELECT count(*) FROM audit_log l WHERE l.subject_id = a.id AND l.action = 'reprint') AS reprints
       FROM applications a WHERE a.created_at >= ? AND a.created_at < ?`,
    )
    .all(from, to);
  return rows.map((r) => ({
    workstationId: r.workstation_id,
    servicePoint: servicePointOf(r.workstation_id),
    status: r.status as ApplicationStatus,
    submitted: r.submitted === 1,
    synced: r.acked_at !== null,
    reprints: r.reprints,
  }));
}
