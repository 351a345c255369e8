import type { Store } from '../store';

/**
 * Whether this workstation is enrolled with the central server: the sync engine keeps the
 * server's pin in `sync_state` (services/sync/enrolment.ts). Once enrolled, users, roles and
 * verifiers come from the server by sync and the workstation's own user administration and
 * enrolment-file import are read-only (issue 13 item 1, issue 15).
 */
export function enrolmentState(store: Store) {
  const read = store.db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  const pinned = (): { workstationId?: unknown } | null => {
    const row = read.get('enrolment.pin');
    if (!row) return null;
    try {
      return JSON.parse(row.value) as { workstationId?: unknown };
    } catch {
      return null;
    }
  };
  return {
    isEnrolled: (): boolean => read.get('enrolment.pin') !== undefined,
    /** The service point the server enrolled this workstation for (`SP01` of `SP01-W1`), or null. */
    servicePoint: (): string | null => {
      const id = pinned()?.workstationId;
      return typeof id === 'string' && id.includes('-') ? (id.split('-')[0] ?? null) : null;
    },
  };
}
