import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SightedId } from '../../api/contracts/security-code-contract';
import { phoneQr } from '../../domain/security-code/test-support';
import { importReference, issueEnrolmentCode } from '../../server/admin/administration';
import { startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';

// Issue 16 items 1-2 end to end: a whole workstation core and the real central server
// (PostgreSQL). Enablements made while the workstation is not yet connected stay queued; once
// it syncs, the server re-checks them and each one's answer reaches the records the screens and
// the work list read — confirmed, or refused with the server's own reason in the clerk's words.

async function until(done: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const start = performance.now();
  while (!(await done())) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const HK: SightedId = { type: 'hk_id', number: 'A123456(3)' };
const login = (loginId: string, over: Record<string, unknown> = {}) => ({
  loginId,
  entityNumber: '500123',
  idType: 'hk_id' as const,
  idNumber: 'A123456(3)',
  activated: true,
  faceRecognition: 'disabled' as const,
  ...over,
});

describe('an enablement made offline is confirmed (or refused) when the server answers', () => {
  let server: TestServer;
  let dir: string;
  let core: AppCore;
  const api = apiClient(() => core);

  beforeAll(async () => {
    server = await startTestServer();
    await importReference(server.node.sql, server.clock.now, {
      entities: [{ entityNumber: '500123', names: { zh: '澳門測試有限公司' }, registrationNumbers: [] }],
      // The server knows that other.hk's security code was enabled elsewhere; this counter's file does not.
      staffLogins: [login('lee.hk'), login('other.hk', { securityCode: 'enabled' })],
    });
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-eid-sync-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W1', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    core = createAppCore({
      dataDir: dir,
      key: Buffer.alloc(32, 5),
      version: 'test',
      clock: server.clock.now,
      session: { passwordParams: TEST_PASSWORD_PARAMS },
    });
    core.services.reference.importFile({
      entities: [{ entityNumber: '500123', names: { zh: '澳門測試有限公司' }, registrationNumbers: [] }],
      staffLogins: [login('lee.hk'), login('other.hk')],
    });
  }, 120_000);
  afterAll(async () => {
    core?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const enable = async (staffLoginId: string) => {
    const qrText = (await phoneQr({ entityNumber: '500123', staffLoginId, issuedAt: server.clock.now() })).text;
    const r = await api.value('securityCode.enable', { entityNumber: '500123', qrText, sightedId: HK, originalSighted: true, visitId: 'visit-1' });
    if (!r.record) throw new Error(`not enabled: ${JSON.stringify(r.verdict.checks.filter((c) => c.status === 'fail'))}`);
    return r.record;
  };
  const states = async () => Object.fromEntries((await api.value('enablements.today')).records.map((r) => [r.staffLoginId, r]));

  it('queued while not connected; confirmed, or refused with the server’s reason, once the server answers', async () => {
    await api.as('C1', ['clerk']);
    const lee = await enable('lee.hk');
    const other = await enable('other.hk');
    expect(lee.state).toBe('queued');
    expect(other.state).toBe('queued');
    // Not connected: nothing moves however long the counter waits.
    await new Promise((r) => setTimeout(r, 200));
    expect((await states())['lee.hk']?.state).toBe('queued');

    await api.as('A1', ['workstation_admin']);
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    await api.value('sync.enrol', { serverUrl: server.node.url, code, servicePoint: 'SP01', workstation: 'W1' });
    await api.as('C1', ['clerk']);
    await until(async () => Object.values(await states()).every((r) => r.state !== 'queued'), 30_000, 'the server’s answers');

    const after = await states();
    expect(after['lee.hk']).toMatchObject({ state: 'confirmed', receiptLine: { messageKey: 'eid.receipt.security_code.confirmed' } });
    expect(after['lee.hk']?.decidedAt).toBeTruthy();
    // The server's reason, as the check names it, in the catalogue the clerk's language reads.
    expect(after['other.hk']).toMatchObject({
      state: 'refused',
      refusal: { messageKey: 'sc.check.already_on' },
      receiptLine: { messageKey: 'eid.receipt.security_code.refused' },
    });
    const receipt = await api.value('enablements.receipt', { visitId: 'visit-1' });
    expect(receipt.lines.map((l) => l.messageKey)).toEqual(['eid.receipt.security_code.confirmed', 'eid.receipt.security_code.refused']);
    // The sync details list the refused op under its own kind, with the same reason.
    const details = await api.value('sync.details');
    expect(details.refused).toEqual([
      expect.objectContaining({ kind: 'eid.enable', applicationId: other.id, reason: expect.objectContaining({ messageKey: 'sc.check.already_on' }) }),
    ]);
    const rows = await server.node.sql<{ staff_login_id: string }[]>`SELECT staff_login_id FROM eid_enablements`;
    expect(rows.map((r) => r.staff_login_id)).toEqual(['lee.hk']);
  }, 90_000);

  it('the login the server marked on is known here through pull: a fresh QR for it is refused at the counter', async () => {
    await until(
      async () => {
        const qrText = (await phoneQr({ entityNumber: '500123', staffLoginId: 'lee.hk', issuedAt: server.clock.now() })).text;
        const v = await api.value('securityCode.verify', { entityNumber: '500123', qrText, sightedId: HK, originalSighted: true });
        return v.checks.some((c) => c.id === 'not_already_on' && c.status === 'fail');
      },
      30_000,
      'the pulled login state',
    );
    // other.hk: refused here earlier, so only the server's pulled state can say it is on.
    const qrText = (await phoneQr({ entityNumber: '500123', staffLoginId: 'other.hk', issuedAt: server.clock.now() })).text;
    const v = await api.value('securityCode.verify', { entityNumber: '500123', qrText, sightedId: HK, originalSighted: true });
    expect(v.checks.find((c) => c.id === 'not_already_on')).toMatchObject({ status: 'fail', messageKey: 'sc.check.already_on' });
  }, 60_000);
});
