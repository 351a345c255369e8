import type { Change } from '../../api/sync';
import type { Store } from '../store';
import { isArgon2idVerifier } from './password-verifier';
import { createUsersRepo } from './users-repo';

type UserChange = Extract<Change, { kind: 'user' }>;

/**
 * Users, roles and password verifiers that arrive by sync (docs/sync-protocol.md, pull kind
 * `user`) become this workstation's users, so a person created on the central server signs in
 * here offline with the server's verifier (issue 15). They are trusted because the pull answer
 * is signed by the server key pinned at enrolment (services/sync/http-link.ts checks it).
 *
 * Called by services/sync/pull-apply.ts inside the pull's one transaction. A user the server no
 * longer lists for this service point (`deleted`) is deactivated, never removed (the audit
 * names them). A verifier outside the bounds a sign-in can afford is not stored.
 */
export function createPulledUsers(store: Store, now: () => string) {
  const users = createUsersRepo(store.db, now);
  const deactivate = store.db.prepare('UPDATE users SET active = 0, updated_at = ? WHERE staff_number = ?');
  return {
    apply(c: UserChange): void {
      if (c.deleted || c.data === null) {
        if (deactivate.run(now(), c.id).changes > 0) {
          store.audit.append({ actor: 'server', action: 'user_import', details: { source: 'sync', staffNumber: c.id, change: 'removed' } });
        }
        return;
      }
      const u = c.data;
      const verifier = u.passwordVerifier !== null && isArgon2idVerifier(u.passwordVerifier) ? u.passwordVerifier : null;
      const r = users.upsert({
        staffNumber: u.staffNumber,
        displayName: u.displayName,
        roles: u.roles,
        servicePoints: u.servicePoints,
        passwordVerifier: verifier,
        active: u.active,
      });
      store.audit.append({
        actor: 'server',
        action: 'user_import',
        subjectId: r.id,
        details: {
          source: 'sync',
          staffNumber: u.staffNumber,
          roles: u.roles,
          active: u.active,
          created: r.created,
          ...(verifier === null && u.passwordVerifier !== null ? { verifierRefused: true } : {}),
        },
      });
    },
  };
}
