import { openTestStore, tempStoreDir } from '../store/test-support';
import type { Store } from '../store';
import { createAuthService, type AuthService } from './auth-service';
import { hashPassword, type PasswordParams } from './password-verifier';
import { createSessionState, type SessionState } from './session-state';
import { createUsersRepo } from './users-repo';
import type { Role } from '../../domain/workflow';
import { setupCodeHash, type TrustAnchors } from '../workstation/machine-config';

/** Cheap argon2id parameters so tests run fast; production uses PASSWORD_PARAMS. */
export const TEST_PASSWORD_PARAMS: PasswordParams = { memorySize: 8192, iterations: 1, parallelism: 1, hashLength: 32 };

export interface ManualClock {
  (): Date;
  advanceMinutes(m: number): void;
}
export function manualClock(start = '2026-11-23T09:00:00.000Z'): ManualClock {
  let t = Date.parse(start);
  const c = (() => new Date((t += 1))) as ManualClock; // 1 ms per reading keeps entries ordered
  c.advanceMinutes = (m) => {
    t += m * 60_000;
  };
  return c;
}

export interface AuthFixture {
  store: Store;
  auth: AuthService;
  session: SessionState;
  clock: ManualClock;
  addUser(staffNumber: string, roles: Role[], password?: string, servicePoints?: string[]): Promise<void>;
  cleanup(): void;
}

/** The one-time first-run code the fixtures' machine configuration sets (issue 12 item 2). */
export const TEST_SETUP_CODE = 'TEST-SETU-PC0D-E001';

/** A machine configuration as the installer leaves it: a setup code, and optionally a pinned enrolment key. */
export const testTrust = (over: Partial<TrustAnchors> = {}): TrustAnchors => ({
  enrolmentAuthorityKey: null,
  setupCodeSha256: setupCodeHash(TEST_SETUP_CODE),
  setupCodeSource: 'machine_config',
  machineConfig: { path: '/etc/counterdesk/machine.json', state: 'ok' },
  ...over,
});

export async function authFixture(servicePoint = 'SP1', trust: Partial<TrustAnchors> = {}): Promise<AuthFixture> {
  const t = tempStoreDir();
  const clock = manualClock();
  const store = openTestStore(t.dir, t.key, { clock, workstationId: 'W1' });
  const session = createSessionState();
  const auth = createAuthService({ store, workstationId: 'W1', servicePoint, session, clock, passwordParams: TEST_PASSWORD_PARAMS, trust: testTrust(trust) });
  const users = createUsersRepo(store.db, () => clock().toISOString());
  return {
    store,
    auth,
    session,
    clock,
    async addUser(staffNumber, roles, password = 'password-1', servicePoints = [servicePoint]) {
      const v = await hashPassword(password, TEST_PASSWORD_PARAMS);
      users.upsert({ staffNumber, displayName: `User ${staffNumber}`, roles, servicePoints, passwordVerifier: v, active: true });
    },
    cleanup() {
      store.close();
      t.cleanup();
    },
  };
}
