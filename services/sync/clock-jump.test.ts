import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { createLocalBlobStore } from '../../server/blobs/blob-store';
import { loadOrCreateServerKeys } from '../../server/crypto/server-keys';
import { startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { decideElsewhere, submitComplete } from './test-support/complete-application';
import { expectConverged } from './test-support/real-converged';
import { openTestWorkstation, until, type TestWorkstation } from './test-support/workstation';

// A workstation whose clock was a day wrong when it enrolled learnt the server's time then; its
// clock is later set right (NTP comes back, a technician fixes it) and what it learnt is now a
// day wrong. The server refuses its requests as skewed — and says so in a refusal it signs, with
// its time, so the workstation learns again and keeps sending. Before, the refusal was unsigned:
// the workstation took it for an impostor's answer and never sent again until re-enrolled.
// Also: a revoked workstation reads that it was revoked, not that the answer is an impostor's.

const DAY = 86_400_000;

describe('a workstation clock set right after enrolment', () => {
  let server: TestServer;
  let ws: TestWorkstation;
  const offset = { ms: DAY };
  beforeAll(async () => {
    server = await startTestServer();
    const t0 = performance.now();
    ws = openTestWorkstation({
      clock: () => new Date(server.clock.now().getTime() + offset.ms + (performance.now() - t0)),
      timing: { baseMs: 100, capMs: 1_000, idleMs: 100 },
    });
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    await ws.worker.enrol({ serverUrl: server.node.url, code, servicePoint: 'SP01', workstation: 'W1' });
    ws.worker.start();
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await server?.close();
  });

  /** What the server holds, for expectConverged. */
  const held = () => {
    const store = createLocalBlobStore(join(server.dataDir, 'blobs'), loadOrCreateServerKeys(join(server.dataDir, 'server-keys.json')).blobKey);
    return { sql: server.node.sql, blob: async (sha: string) => ((await store.has(sha)) ? store.get(sha) : undefined) };
  };

  it('keeps sending: the signed clock_skew refusal teaches it the server time again', async () => {
    const station = { id: 'SP01-W1', ws };
    const first = submitComplete(ws, { n: 1, clerk: 'C1', scans: [50_000, 60_000], workstation: 'W1' });
    await expectConverged(held(), [station], [{ owner: station, app: first }], { quiesceMs: 30_000 });
    offset.ms = 0; // the clock is set right: what it learnt is now a day off
    // A supervisor's decision here: a push with no scan to upload, and the pulls that follow.
    decideElsewhere(ws, first.id, 'approve', 'S1', new Date(server.clock.now().getTime() + 60_000).toISOString());
    const approvedOnServer = async () =>
      (await server.node.sql<{ status: string }[]>`SELECT status FROM applications WHERE record_id = ${first.id}::uuid`)[0]?.status === 'approved';
    const start = performance.now();
    while (!(await approvedOnServer()) && performance.now() - start < 30_000) await new Promise((r) => setTimeout(r, 50));
    expect(await approvedOnServer()).toBe(true);
    await until(() => ws.worker.status().waiting === 0 && ws.worker.status().lastError === null, 10_000, 'the workstation to say all is sent');
  }, 90_000);

  it('a revoked workstation reads that it was revoked', async () => {
    await server.node.sql`UPDATE workstations SET revoked_at = ${server.clock.now()} WHERE id = 'SP01-W1'`;
    submitComplete(ws, { n: 3, clerk: 'C1', scans: [10_000, 20_000], workstation: 'W1' });
    const start = performance.now();
    while (ws.worker.status().lastError?.code !== 'workstation_revoked' && performance.now() - start < 20_000) await new Promise((r) => setTimeout(r, 50));
    expect(ws.worker.status().lastError).toMatchObject({ code: 'workstation_revoked' });
  }, 30_000);
});
