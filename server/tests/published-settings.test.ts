import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireSessionsOnFirstEnrolment, setPublishedSetting } from '../admin/published-settings';
import { startTestServer, type TestServer } from '../test-support/server-fixture';

// Issue 14: sessions are required by default on a new deployment — from its first enrolment code
// on — while a deployment that already has enrolled workstations (whose older apps may not open
// sessions) and an administrator's explicit choice are left as they are.

describe('sync.sessionRequired on by default for a new deployment', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  }, 120_000);
  afterEach(async () => {
    await server?.close();
  });
  const required = async () => (await server.node.sql<{ value: unknown }[]>`SELECT value FROM settings WHERE key = 'sync.sessionRequired'`)[0]?.value;

  it('the first enrolment code of a new deployment (admin CLI) turns sessions on, published to every workstation', async () => {
    expect(await required()).toBeUndefined();
    const env = { ...process.env, DATABASE_URL: server.db.url };
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', 'workstation', 'enrol', 'SP01', 'W1'], { env, encoding: 'utf8' });
    expect(out).toMatch(/sync\.sessionRequired = true/);
    expect(await required()).toBe(true);
    const feed = await server.node.sql<{ data: unknown }[]>`SELECT data FROM feed WHERE kind = 'setting' AND id = 'sync.sessionRequired'`;
    expect(feed.map((f) => f.data)).toEqual([{ key: 'sync.sessionRequired', value: true }]);
    // The next code says nothing more and changes nothing.
    const again = execFileSync(process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', 'workstation', 'enrol', 'SP01', 'W2'], { env, encoding: 'utf8' });
    expect(again).not.toMatch(/sessionRequired/);
  }, 60_000);

  it('a deployment with enrolled workstations, or one whose administrator chose, keeps its setting', async () => {
    await server.workstation('SP01', 'W1');
    expect(await requireSessionsOnFirstEnrolment(server.node.sql, server.clock.now)).toBe(false);
    expect(await required()).toBeUndefined();

    await server.node.sql`UPDATE workstations SET enrolled_at = NULL`;
    await setPublishedSetting(server.node.sql, server.clock.now, 'sync.sessionRequired', false);
    expect(await requireSessionsOnFirstEnrolment(server.node.sql, server.clock.now)).toBe(false);
    expect(await required()).toBe(false);
  }, 60_000);
});
