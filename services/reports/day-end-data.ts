import type { ApplicationKind, ApplicationStatus } from '../../domain/model/codes';
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

/** One line of the day-end list of applications (issue 13 item 18). */
export interface DayEndApplication {
  workstationId: string;
  servicePoint: string;
  applicationNumber: string | null;
  kind: ApplicationKind;
  entityName: string;
  status: ApplicationStatus;
  /** "Name (staff number)", or the bare actor when the user is not known on this workstation. */
  takenInBy: string;
  /** Who approved, rejected or returned it last; null while no decision was made. */
  decidedBy: string | null;
  createdAt: string;
}

/** The applications taken in on `day` (Macau time), oldest first, with who took them in and who decided. */
export function collectDayEndApplications(store: Store, day: string, servicePointOf: (workstationId: string) => string): DayEndApplication[] {
  const { from, to } = macauDayBounds(day);
  const rows = store.db
    .prepare<
      [string, string],
      {
        workstation_id: string;
        application_number: string | null;
        kind: string;
        status: string;
        search: string;
        created_at: string;
        created_by: string;
        decided_by: string | null;
      }
    >(
      `SELECT a.workstation_id, a.application_number, a.kind, a.status, a.search, a.created_at, a.created_by,
         (SELECT h.actor FROM application_status_history h
           WHERE h.application_id = a.id AND h.status IN ('approved', 'rejected', 'returned') ORDER BY h.id DESC LIMIT 1) AS decided_by
       FROM applications a WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.created_at, a.id`,
    )
    .all(from, to);
  const names = new Map(
    store.db
      .prepare<[], { staff_number: string; display_name: string }>('SELECT staff_number, display_name FROM users')
      .all()
      .map((u) => [`staff:${u.staff_number}`, `${u.display_name} (${u.staff_number})`]),
  );
  const who = (actor: string) => names.get(actor) ?? actor.replace(/^staff:/, '');
  return rows.map((r) => ({
    workstationId: r.workstation_id,
    servicePoint: servicePointOf(r.workstation_id),
    applicationNumber: r.application_number,
    kind: r.kind as ApplicationKind,
    entityName: ((JSON.parse(r.search) as { entityNames?: string[] }).entityNames ?? []).join(' / '),
    status: r.status as ApplicationStatus,
    takenInBy: who(r.created_by),
    decidedBy: r.decided_by === null ? null : who(r.decided_by),
    createdAt: r.created_at,
  }));
}
