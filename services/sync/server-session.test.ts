import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { PASSWORD, startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import type { ServerPin } from './http-link';
import { keyFileSigningStore, signingKeyFromSeed, type SigningKey } from './identity';
import { openServerSession, renewServerSession, sessionNeedsRefresh } from './server-session';
import { openTestWorkstation, type TestWorkstation } from './test-support/workstation';

// Issue 14 item 4, the workstation's half: a person signs in to the central API through this
// workstation (signed request) and gets the token and the session id that bind their ops.

describe('a person’s server session, opened through the workstation', () => {
  let server: TestServer;
  let ws: TestWorkstation;
  let pin: ServerPin;
  let key: SigningKey;
  beforeAll(async () => {
    server = await startTestServer();
    const dir = mkdtempSync(join(tmpdir(), 'counterdesk-session-'));
    ws = openTestWorkstation({ clock: server.clock.now, dir });
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    pin = await ws.worker.enrol({ serverUrl: server.node.url, code, servicePoint: 'SP01', workstation: 'W1' });
    key = signingKeyFromSeed(keyFileSigningStore(join(dir, 'sync-signing.key')).load());
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await server?.close();
  });

  it('opens a session of this workstation for the person, refreshed before it runs out', async () => {
    const s = await openServerSession({ pin, key, nowSeconds: server.clock.seconds() }, 'C1', PASSWORD);
    expect(s.staffNumber).toBe('C1');
    const [row] = await server.node.sql<{ staff_number: string; workstation_id: string }[]>`
      SELECT staff_number, workstation_id FROM sessions WHERE id = ${s.sessionId}::uuid`;
    expect(row).toEqual({ staff_number: 'C1', workstation_id: 'SP01-W1' });
    expect(sessionNeedsRefresh(s, server.clock.now())).toBe(false);
    expect(sessionNeedsRefresh(s, new Date(Date.parse(s.expiresAt) - 60_000))).toBe(true);
  });

  it('is renewed without the password: same session, a fresh token and expiry, and the old token stops working', async () => {
    const link = () => ({ pin, key, nowSeconds: server.clock.seconds() });
    const s = await openServerSession(link(), 'C1', PASSWORD);
    server.clock.advance(600);
    const renewed = await renewServerSession(link(), s);
    expect(renewed.sessionId).toBe(s.sessionId);
    expect(renewed.token).not.toBe(s.token);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(s.expiresAt));
    await expect(renewServerSession(link(), s)).rejects.toMatchObject({ kind: 'refused', status: 401, refusal: { code: 'session_invalid' } });
    // Another person cannot renew it into theirs.
    await expect(renewServerSession(link(), { ...renewed, staffNumber: 'C2' })).rejects.toMatchObject({ refusal: { code: 'session_invalid' } });
    // Run out (the person stayed away): the password is needed again.
    server.clock.advance(16 * 60);
    await expect(renewServerSession(link(), renewed)).rejects.toMatchObject({ refusal: { code: 'session_invalid' } });
  });

  it('a wrong password is refused with the server’s reason and opens nothing', async () => {
    const before = await server.node.sql`SELECT 1 FROM sessions WHERE staff_number = 'C2'`;
    await expect(openServerSession({ pin, key, nowSeconds: server.clock.seconds() }, 'C2', 'not the password')).rejects.toMatchObject({
      kind: 'refused',
      status: 401,
      refusal: { code: 'sign_in_failed' },
    });
    const after = await server.node.sql`SELECT 1 FROM sessions WHERE staff_number = 'C2'`;
    expect(after.length).toBe(before.length);
  });
});
