import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { listSettings, setPublishedSetting } from '../../server/admin/published-settings';
import { startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { openTestWorkstation, until, type TestWorkstation } from '../sync/test-support/workstation';
import { createPulledSettings } from './pulled-settings';

// Issue 14, settings in pull: the central server's administrator sets a service point's settings
// once (server:admin setting set …); every workstation receives them by pull and applies them
// where it reads them — retention, sign-in rules, the receipts' shared part — and lists them as
// the server's. Only known keys with valid values are published at all.

describe('settings the central server publishes, applied by pull', () => {
  let server: TestServer;
  let ws: TestWorkstation;
  beforeAll(async () => {
    server = await startTestServer();
    ws = openTestWorkstation({ clock: server.clock.now });
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    await ws.worker.enrol({ serverUrl: server.node.url, code, servicePoint: 'SP01', workstation: 'W1' });
    ws.worker.start();
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await server?.close();
  });

  const setting = (key: string): unknown => {
    const row = ws.store.db.prepare<[string], { value: string; updated_by: string }>('SELECT value, updated_by FROM settings WHERE key = ?').get(key);
    return row ? { value: JSON.parse(row.value) as unknown, by: row.updated_by } : undefined;
  };

  it('an unknown key or a value out of range is refused by the administration, and nothing is published', async () => {
    await expect(setPublishedSetting(server.node.sql, server.clock.now, 'retention.scanDayz', 7)).rejects.toThrow(/not a setting the server publishes/);
    await expect(setPublishedSetting(server.node.sql, server.clock.now, 'auth.idleMinutes', 0)).rejects.toThrow(/not a valid value/);
    await expect(setPublishedSetting(server.node.sql, server.clock.now, 'receipts.paperSize', 'letter')).rejects.toThrow(/not a valid value/);
    const feed = await server.node.sql`SELECT 1 FROM feed WHERE kind = 'setting'`;
    expect(feed.length).toBe(0);
  });

  it('published settings reach the workstation and land where it reads them, marked as the server’s and audited', async () => {
    const sql = server.node.sql;
    const now = server.clock.now;
    // A printer chosen here stays this workstation's; only paper and language are the service point's.
    ws.store.db
      .prepare(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('receipts.settings', ?, ?, 'staff:A1')`)
      .run(JSON.stringify({ paperSize: 'a4', english: false, printer: 'Counter printer' }), now().toISOString());
    await setPublishedSetting(sql, now, 'retention.scanDays', 7);
    await setPublishedSetting(sql, now, 'auth.idleMinutes', 3);
    await setPublishedSetting(sql, now, 'receipts.english', true);
    await setPublishedSetting(sql, now, 'receipts.paperSize', 'roll80');
    await setPublishedSetting(sql, now, 'sync.sessionRequired', false);
    await until(() => ws.store.db.prepare(`SELECT 1 FROM sync_pulled WHERE kind = 'setting'`).all().length === 5, 20_000, 'the settings to be pulled');
    expect(setting('retention.scanDays')).toEqual({ value: 7, by: 'server' });
    expect(ws.store.settings.get('retention.scanDays')).toBe(7);
    expect(setting('auth.idleMinutes')).toEqual({ value: 3, by: 'server' });
    expect(setting('receipts.settings')).toEqual({ value: { paperSize: 'roll80', english: true, printer: 'Counter printer' }, by: 'server' });
    expect(setting('sync.sessionRequired')).toBeUndefined();

    const pulled = createPulledSettings(ws.store, () => now().toISOString());
    expect(pulled.list().map((s) => [s.key, s.value])).toEqual([
      ['auth.idleMinutes', 3],
      ['receipts.english', true],
      ['receipts.paperSize', 'roll80'],
      ['retention.scanDays', 7],
      ['sync.sessionRequired', false],
    ]);
    expect(pulled.isServerManaged('auth.idleMinutes')).toBe(true);
    expect(pulled.isServerManaged('auth.maxFailures')).toBe(false);
    const audited = ws.store.audit
      .recent(20)
      .filter((e) => e.action === 'settings_change' && e.actor === 'system:server')
      .map((e) => e.details?.['key']);
    expect(audited).toEqual(expect.arrayContaining(['retention.scanDays', 'auth.idleMinutes', 'receipts.settings']));
    expect(ws.store.audit.verify().ok).toBe(true);

    // The server's own view: the same values, and the session rule it enforces.
    expect(await listSettings(sql)).toEqual(expect.arrayContaining([{ key: 'sync.sessionRequired', value: false, published: true }]));
  }, 60_000);

  it('a later change replaces the value; the same value again changes nothing and is not audited twice', async () => {
    const sql = server.node.sql;
    const auditedBefore = ws.store.audit.recent(50).filter((e) => e.actor === 'system:server').length;
    await setPublishedSetting(sql, server.clock.now, 'retention.scanDays', 14);
    await setPublishedSetting(sql, server.clock.now, 'auth.idleMinutes', 3);
    await until(() => (setting('retention.scanDays') as { value: number } | undefined)?.value === 14, 20_000, 'the new retention to be pulled');
    // Both changes are in by now: the cursor moves past a change only with it applied.
    await until(() => ws.store.db.prepare(`SELECT 1 FROM sync_pulled WHERE kind = 'setting'`).all().length === 5, 5_000, 'settings listed');
    const auditedAfter = ws.store.audit.recent(50).filter((e) => e.actor === 'system:server').length;
    expect(auditedAfter - auditedBefore).toBe(1);
  }, 60_000);
});
