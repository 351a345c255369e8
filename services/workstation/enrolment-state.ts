import type { Store } from '../store';

/**
 * Whether this workstation is enrolled with the central server: the sync engine keeps the
 * server's pin in `sync_state` (services/sync/enrolment.ts). Once enrolled, users, roles and
 * verifiers come from the server by sync and the workstation's own user administration and
 * enrolment-file import are read-only (issue 13 item 1, issue 15).
 */
export function enrolmentState(store: Store) {
  const read = store.db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?');
  return {
    isEnrolled: (): boolean => read.get('enrolment.pin') !== undefined,
  };
}
