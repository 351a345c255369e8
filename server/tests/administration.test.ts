import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../api/sync/pull';
import type { PushResponse } from '../../api/sync/push';
import { importReference, newEpoch, revokeWorkstation, setUserActive } from '../admin/administration';
import { verifyPassword } from '../crypto/passwords';
import { applicationNumber, firstApplication, newRecordId, PASSWORD, sampleScans, startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';

let server: TestServer;
let ws: TestWorkstation;
let scans: Map<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  scans = await sampleScans(server);
  ws = await server.workstation('SP01', 'W1');
}, 60_000);
afterAll(async () => server?.close());

async function pullAll(w: TestWorkstation, cursor?: string): Promise<PullResponse['changes']> {
  const out: PullResponse['changes'] = [];
  let c = cursor;
  for (;;) {
    const r = (await w.request('GET', `/v1/sync/pull?limit=1000${c ? `&cursor=${c}` : ''}`)).json<PullResponse>();
    out.push(...r.changes);
    c = r.cursor;
    if (!r.hasMore) return out;
  }
}

let n = 0;
const submit = (entity: number, mutate: (a: ReturnType<typeof firstApplication>) => void = () => undefined) => {
  const app = firstApplication(entity, scans);
  mutate(app);
  const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
  return ws.op(
    'application.submit',
    newRecordId(),
    { applicationNumber: applicationNumber(ws, ++n), application: app, createdBy: 'C1', editors: [] },
    { actor: 'C1', blobs },
  );
};

describe('administration reaches the workstations', () => {
  it('imported reference data is pulled, and FAQ 8 refuses a first application for an entity that already holds an account', async () => {
    await importReference(server.node.sql, server.clock.now, {
      entities: [{ entityNumber: 'E7001', type: 'company', names: { zh: '已有帳戶公司' }, registrationNumbers: ['77001 SO'], taxpayerNumber: '87000001' }],
      staffLogins: [{ loginId: 'staff.e7001', entityNumber: 'E7001', idType: 'passport', idNumber: 'P7001', activated: true, faceRecognition: 'disabled' }],
    });
    const changes = await pullAll(ws);
    expect(changes.find((c) => c.kind === 'reference_entity' && c.id === 'E7001')?.data).toMatchObject({ taxpayerNumber: '87000001' });
    expect(changes.find((c) => c.kind === 'staff_login' && c.id === 'staff.e7001')).toBeDefined();
    const user = changes.filter((c) => c.kind === 'user' && c.id === 'C1').at(-1);
    expect(user?.kind === 'user' && user.data && (await verifyPassword(PASSWORD, user.data.passwordVerifier ?? ''))).toBe(true);
    expect(changes.filter((c) => c.kind === 'user').map((c) => c.id)).not.toContain('S2'); // another service point's user
    expect(changes.find((c) => c.kind === 'workstation_key' && c.id === 'SP01-W1')).toBeDefined();

    const op = submit(7001, (a) => (a.entity.taxpayerNumber = '87000001'));
    expect((await ws.push([op])).json<PushResponse>().results[0]).toMatchObject({
      status: 'rejected',
      reason: { code: 'faq8_existing_account', params: { entityNumber: 'E7001' } },
    });
  });

  it('a deactivated user’s ops are rejected (and parked), a revoked workstation is published as revoked', async () => {
    const before = (await ws.request('GET', '/v1/sync/pull?limit=1000')).json<PullResponse>();
    await setUserActive(server.node.sql, server.clock.now, 'C1', false);
    expect((await ws.push([submit(7100)])).json<PushResponse>().results[0]).toMatchObject({ status: 'rejected', reason: { code: 'inactive_actor' } });
    await setUserActive(server.node.sql, server.clock.now, 'C1', true);
    const other = await server.workstation('SP02', 'W4');
    await revokeWorkstation(server.node.sql, server.clock.now, other.id);
    const changes = await pullAll(ws, before.cursor);
    expect(changes.filter((c) => c.kind === 'user' && c.id === 'C1').map((c) => c.kind === 'user' && c.data?.active)).toEqual([false, true]);
    expect(changes.filter((c) => c.kind === 'workstation_key' && c.id === other.id).at(-1)?.data).toMatchObject({ revoked: true });
  });

  it('after a restore (new epoch) an old cursor gets 410 and a fresh pull starts over', async () => {
    const r = (await ws.request('GET', '/v1/sync/pull?limit=5')).json<PullResponse>();
    await newEpoch(server.node.sql);
    const stale = await ws.request('GET', `/v1/sync/pull?cursor=${r.cursor}`);
    expect(stale.status).toBe(410);
    expect(stale.json()).toEqual({ error: { code: 'cursor_expired', messageKey: 'sync.error.cursor_expired' } });
    expect((await ws.request('GET', '/v1/sync/pull?limit=5')).status).toBe(200);
  });

  it('the admin CLI issues enrolment codes and refuses bad input in one line', () => {
    const env = { ...process.env, DATABASE_URL: server.db.url };
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', 'workstation', 'enrol', 'SP01', 'W9'], { env, encoding: 'utf8' });
    expect(out).toMatch(/^enrolment code for SP01-W9: [0-9A-Z]{4}(-[0-9A-Z]{4}){4} \(valid until /);
    let err = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', 'service-point', 'add', 'bad code'], { env, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = String((e as { stderr?: string }).stderr);
    }
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/invalid input/);
  });

  it('the admin CLI reads out the signing key workstations pin (machine.json centralServerPublicKey), and never makes one', () => {
    const cli = (args: string[], keyFile: string) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', ...args], {
        env: { ...process.env, DATABASE_URL: server.db.url, COUNTERDESK_SERVER_KEY_FILE: keyFile },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    const keyFile = join(server.dataDir, 'server-keys.json');
    // The key the server signs with: what enrolment handed the workstation.
    expect(cli(['server', 'key'], keyFile).trim()).toBe(ws.serverKey);
    expect(cli(['workstation', 'enrol', 'SP01', 'W8'], keyFile)).toContain(`; server key ${ws.serverKey}`);
    let err = '';
    try {
      cli(['server', 'key'], join(server.dataDir, 'elsewhere', 'server-keys.json'));
    } catch (e) {
      err = String((e as { stderr?: string }).stderr);
    }
    expect(err).toMatch(/no server key at .*elsewhere/);
    expect(existsSync(join(server.dataDir, 'elsewhere'))).toBe(false);
  });
});
