// Sign-in cost: the argon2id verification with production parameters (64 MiB, t=2, p=1),
// beside argon2id at the minimum parameters (8 MiB, t=1) as the baseline, both in this run.
// Target (issue 7): 100–300 ms per verification — slow for an attacker, acceptable at the counter.
// Also: the approval queue with 500 pending applications (four-eyes actors per item),
// beside a bare `applications.list` of the same rows.
import { hashPassword, PASSWORD_PARAMS, verifyPassword } from '../services/auth/password-verifier';
import { authFixture } from '../services/auth/test-support';
import { createApprovalService } from '../services/approval';
import { measure, type BenchSuite } from './harness';

const suite: BenchSuite = async (report) => {
  const minimal = { memorySize: 8192, iterations: 1, parallelism: 1, hashLength: 32 };
  const prod = await hashPassword('counter-pass-1', PASSWORD_PARAMS);
  const cheap = await hashPassword('counter-pass-1', minimal);
  const base = await measure('argon2id 8 MiB t=1', () => verifyPassword('counter-pass-1', cheap), { iterations: 20, warmup: 2 });
  const subject = await measure('argon2id 64 MiB t=2 (production)', () => verifyPassword('counter-pass-1', prod), { iterations: 20, warmup: 2 });
  report.compare('password verification (sign-in, unlock, elevation)', base, subject);

  const f = await authFixture();
  try {
    await f.addUser('S1', ['supervisor'], 'password-1');
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    for (let i = 0; i < 500; i++) {
      const r = f.store.applications.createDraft({
        kind: 'first_application',
        data: { n: i },
        search: { entityNames: [`會${i}`], registrationNumbers: [], idNumbers: [] },
        actor: 'staff:C1',
      });
      f.store.applications.setStatus(r.id, { status: 'pending_approval', actor: 'staff:C1' });
    }
    const approval = createApprovalService({ store: f.store, auth: f.auth, servicePoint: 'SP1', clock: f.clock });
    const list = await measure('applications.list (500 pending)', () => f.store.applications.list({ statuses: ['pending_approval'], limit: 10_000 }), {
      iterations: 20,
      warmup: 2,
    });
    const queue = await measure('approval queue (500 pending, four-eyes actors)', () => approval.queue(), { iterations: 20, warmup: 2 });
    report.compare('approval queue', list, queue);
  } finally {
    f.cleanup();
  }
};
export default suite;
