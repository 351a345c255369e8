import { useEffect, useState } from 'react';
import { useIntakeStore } from '../../state/intake-store';
import { ReceiptActions } from '../receipts/ReceiptActions';

/**
 * Applications this window saw submitted (from a draft, or resubmitted after being returned
 * for correction). The receipt is produced by itself only for these: right after the submit
 * the person is still at the counter; one already issued is never issued again. Reopening an
 * older application from the work list shows the receipt step but issues nothing (its time
 * would be today's, and merely looking must not print or audit anything).
 */
const justSubmitted = new Set<string>();
let lastSeen: { id: string; status: string } | null = null;
useIntakeStore.subscribe((s) => {
  const r = s.record;
  if (r && lastSeen && r.id === lastSeen.id && lastSeen.status !== 'pending_approval' && r.status === 'pending_approval') justSubmitted.add(r.id);
  lastSeen = r ? { id: r.id, status: r.status } : null;
});

/** The receipt step in the intake flow (issue 6): printed in Electron, downloaded in the harness. */
export function ReceiptMount({ applicationId }: { applicationId: string }) {
  // Read without side effects (StrictMode calls initialisers twice), then taken: coming back
  // to this application later does not start it again.
  const [autoStart] = useState(() => justSubmitted.has(applicationId));
  useEffect(() => {
    justSubmitted.delete(applicationId);
  }, [applicationId]);
  return <ReceiptActions applicationId={applicationId} autoStart={autoStart} />;
}
