import type { Application } from '../../domain/model/application';
import type { ApplicationStatus } from '../../domain/model/codes';
import type { CurrentRecord } from '../../api/sync/push';
import type { Change } from '../../api/sync/pull';
import type { Db } from '../db/types';
import { searchKey } from '../search/search-key';

export interface HistoryEntry {
  status: ApplicationStatus;
  actor: string;
  at: string;
  workstationId: string;
  decision?: 'approve' | 'reject' | 'return';
  reasonCode?: string;
  notes?: string;
}

export interface ApplicationRow {
  record_id: string;
  application_number: string;
  service_point: string;
  workstation_id: string;
  kind: Application['kind'];
  status: ApplicationStatus;
  version: number;
  form: Application;
  created_by: string;
  editors: string[];
  history: HistoryEntry[];
  blobs: string[];
}

export async function lockApplication(db: Db, recordId: string): Promise<ApplicationRow | undefined> {
  const [row] = await db<ApplicationRow[]>`SELECT * FROM applications WHERE record_id = ${recordId}::uuid FOR UPDATE`;
  return row;
}

export function currentRecord(row: ApplicationRow): CurrentRecord {
  const last = [...row.history].reverse().find((h) => h.decision);
  return {
    recordId: row.record_id,
    applicationNumber: row.application_number,
    status: row.status,
    version: row.version,
    lastDecision: last?.decision ? { decision: last.decision, by: last.actor, at: last.at } : null,
  };
}

/** The feed's view of an application (ApplicationChangeSchema). */
export function applicationChange(row: ApplicationRow): Extract<Change, { kind: 'application' }>['data'] {
  return {
    recordId: row.record_id,
    applicationNumber: row.application_number,
    servicePoint: row.service_point,
    workstationId: row.workstation_id,
    kind: row.kind,
    status: row.status,
    version: row.version,
    application: row.form,
    createdBy: row.created_by,
    editors: row.editors,
    history: row.history,
    blobs: row.blobs,
  };
}

/** Every scan an application references (document slots' attachments). */
export function referencedBlobs(app: Application): string[] {
  const out = new Set<string>();
  for (const d of Object.values(app.documents)) for (const a of d.attachments) out.add(a);
  return [...out].sort();
}

/** What a search across service points matches: server/search/search-key.ts defines it. */
export function searchText(applicationNumber: string, app: Application): string {
  return searchKey(applicationNumber, app);
}
