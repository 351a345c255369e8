import { formatApplicationNumber } from '../../../domain/application-number';
import { sampleFirstApplication } from '../../../domain/rules/sample-applications';
import { firstApplication } from '../../../server/test-support/server-fixture';
import { scanOf, type TestWorkstation } from './workstation';

// A complete first application, as the real central API's rules accept it (the sample from
// domain/rules for a distinct entity `n`), taken in and submitted on a test workstation with
// two real scans of the given sizes: every document of the sample points at one of the two.

export interface Submitted {
  id: string;
  number: string;
  shas: string[];
}

export function submitComplete(
  ws: Pick<TestWorkstation, 'store'>,
  o: { n: number; clerk: string; scans: [number, number]; workstation: string; day?: string },
): Submitted {
  const s = ws.store;
  const actor = `staff:${o.clerk}`;
  const names = { entityNames: [`澳門測試貿易${o.n}號有限公司`], registrationNumbers: [], idNumbers: [] };
  const draft = s.applications.createDraft({ kind: 'first_application', data: sampleFirstApplication(), search: names, actor });
  const shas = o.scans.map(
    (size, i) => s.attachments.put(scanOf(size, `${draft.id}-${i}`), { applicationId: draft.id, slot: 'br_certificate', actor }).pages[0]!.sha256,
  );
  const placeholders = [...new Set(Object.values(sampleFirstApplication().documents).flatMap((d) => d.attachments))];
  const app = firstApplication(o.n, new Map(placeholders.map((p, i) => [p, shas[i % shas.length]!])));
  s.applications.saveDraft(draft.id, { data: app, search: names, actor });
  const number = formatApplicationNumber({ servicePoint: 'SP01', workstation: o.workstation, date: o.day ?? '2026-11-23', sequence: (o.n % 9999) + 1 });
  s.applications.setStatus(draft.id, { status: 'pending_approval', actor, applicationNumber: number });
  return { id: draft.id, number, shas };
}

/** A supervisor on a workstation that did not take the application in decides it (from what that workstation pulled). */
export function decideElsewhere(ws: TestWorkstation, recordId: string, decision: 'approve' | 'reject' | 'return', supervisor: string, at: string): void {
  ws.store.outbox.enqueue('application.decided', recordId, {
    decision,
    status: decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'returned',
    reasonCode: decision === 'reject' ? 'documents_missing' : null,
    text: null,
    notes: decision === 'return' ? 'page 2 missing' : null,
    decidedBy: `staff:${supervisor}`,
    onSessionOf: null,
    at,
  });
}

/** Applications this workstation pulled that the server says are pending. */
export function pulledPending(ws: TestWorkstation): string[] {
  return ws.store.db
    .prepare<[], { record_id: string }>(`SELECT record_id FROM sync_pulled WHERE kind = 'application' AND json_extract(body, '$.status') = 'pending_approval'`)
    .all()
    .map((r) => r.record_id);
}
