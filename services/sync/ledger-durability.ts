import type { LedgerResponse } from '../../api/sync/ledger';
import type { Store } from '../store';

/**
 * Issue 12 item 15: the central server's ledger (GET /v1/sync/ledger) says which of this
 * workstation's ops it holds for good (`ackedThrough`: every client_seq up to it has a final
 * outcome). A decided application is durable there once every op about it is within that and
 * was applied, and nothing about it is still waiting in the outbox; it is then marked
 * acknowledged, and retention (services/store/retention.ts) may remove its personal data after
 * the retention days. Nothing else sets it: a workstation never enrolled has no ledger, so it
 * keeps every form, which is its only copy.
 */
export function markDurableFromLedger(store: Pick<Store, 'db' | 'applications'>, ledger: Pick<LedgerResponse, 'ackedThrough'>): string[] {
  const ids = store.db
    .prepare<{ through: number }, { id: string }>(
      `SELECT ap.id FROM applications ap
       WHERE ap.acked_at IS NULL AND ap.status IN ('approved', 'rejected')
         AND EXISTS (SELECT 1 FROM sync_ops o WHERE o.record_id = ap.id)
         AND NOT EXISTS (SELECT 1 FROM sync_ops o WHERE o.record_id = ap.id AND (o.state <> 'acked' OR o.client_seq > @through))
         AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.subject_id = ap.id AND x.sent_at IS NULL)
       ORDER BY ap.id`,
    )
    .all({ through: ledger.ackedThrough })
    .map((r) => r.id);
  for (const id of ids) store.applications.markAcknowledged(id, 'sync');
  return ids;
}
