import type { Change, PullResponse } from '../../api/sync';
import type { ApplicationStatus } from '../../domain/model/codes';
import type { Store } from '../store';
import { createPulledUsers } from '../auth/pulled-users';
import { createPulledReference } from '../workstation/pulled-reference';
import { createPulledSettings } from '../workstation/pulled-settings';

// Pulled changes and the cursor that delivered them are written in ONE transaction: a crash
// between the two could otherwise skip a change (cursor first) or apply it twice (cursor last).
// Changes are idempotent upserts, so a response pulled again after a lost answer is harmless.

const DECIDED: readonly ApplicationStatus[] = ['approved', 'rejected', 'returned'];

export function createPullApplier(store: Store, clock: () => Date) {
  const db = store.db;
  const now = () => clock().toISOString();
  const s = {
    upsert: db.prepare(
      `INSERT INTO sync_pulled (kind, record_id, version, body, pulled_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, record_id) DO UPDATE SET version = excluded.version, body = excluded.body, pulled_at = excluded.pulled_at`,
    ),
    remove: db.prepare('DELETE FROM sync_pulled WHERE kind = ? AND record_id = ?'),
    setState: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };

  // Users, roles and verifiers become this workstation's users for offline sign-in (services/auth/pulled-users.ts).
  const users = createPulledUsers(store, now);
  // Entities with accounts and their staff logins replace what the reference file would (services/workstation/pulled-reference.ts).
  const reference = createPulledReference(store, now);
  // Settings the server publishes land where this workstation reads them, with the cursor (services/workstation/pulled-settings.ts).
  const settings = createPulledSettings(store, now);

  /** A decision taken elsewhere reaches the application this workstation took in. */
  const applyApplication = (c: Extract<Change, { kind: 'application' }>) => {
    const d = c.data;
    if (!d) return;
    const local = store.applications.get(d.recordId);
    if (!local || local.status === d.status || !DECIDED.includes(d.status)) return;
    const last = [...d.history].reverse().find((h) => h.status === d.status);
    // The reason as a local decision stores it (approval-service: a rejection is `[code] text`),
    // so the clerk's screens read a decision taken elsewhere exactly as one taken here.
    const reason =
      d.status === 'rejected' && last?.reasonCode ? `[${last.reasonCode}] ${last.notes ?? ''}`.trim() : (last?.notes ?? last?.reasonCode ?? undefined);
    store.applications.setStatus(d.recordId, {
      status: d.status,
      actor: `staff:${last?.actor ?? 'server'}`,
      ...(reason ? { reason } : {}),
    });
  };

  return {
    apply: db.transaction((res: PullResponse): number => {
      for (const c of res.changes) {
        if (c.kind === 'user') users.apply(c);
        else if (c.kind === 'setting') settings.apply(c);
        else reference.apply(c);
        if (c.deleted || c.data === null) {
          s.remove.run(c.kind, c.id);
          continue;
        }
        const version = c.kind === 'application' ? c.data.version : 0;
        s.upsert.run(c.kind, c.id, version, JSON.stringify(c.data), now());
        if (c.kind === 'application') applyApplication(c);
      }
      s.setState.run('pull.cursor', res.cursor);
      s.setState.run('pull.epoch', res.epoch);
      s.setState.run('pull.at', now());
      return res.changes.length;
    }),
  };
}
