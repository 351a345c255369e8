import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCALES, translate, type MessageKey } from '../../i18n';
import { loadPin } from './enrolment';
import { startFakeSyncServer, type FakeSyncServer } from './test-support/fake-sync-server';
import { openTestWorkstation, until, type TestWorkstation } from './test-support/workstation';

// Issue 12 item 2: the OS administrator pins the central server in the machine configuration
// after this workstation was enrolled. Enrolment already refuses another server; a workstation
// enrolled earlier with another one must not keep sending it applications, scans or passwords.

const clock = () => new Date();
const OTHER_KEY = 'A'.repeat(43);

describe('a workstation enrolled before the machine configuration pinned a central server', () => {
  let server: FakeSyncServer | undefined;
  let ws: TestWorkstation | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await ws?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    ws = server = dir = undefined;
  });

  async function enrolledThenReopened(pinnedServer: (serverKey: string) => { publicKey: string | null; tlsSpkiSha256: string | null }) {
    server = await startFakeSyncServer({ clock });
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-pinned-'));
    const first = openTestWorkstation({ clock, dir });
    await first.worker.enrol({ serverUrl: server.url, code: server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
    first.worker.start();
    first.submit({ clerk: 'C1', scans: [] });
    await until(() => first.store.outbox.pendingCount() === 0 && server!.ops('SP01-W1').length === 1, 5000, 'the first application to be sent');
    const serverKey = loadPin(first.worker.ops)!.serverPublicKey;
    await first.close();
    ws = openTestWorkstation({ clock, dir, key: first.key, pinnedServer: pinnedServer(serverKey) });
    ws.worker.start();
    return { server, ws };
  }

  it('another server: nothing more is sent, the work stays saved here, and the status says why in every language', async () => {
    const { server, ws } = await enrolledThenReopened(() => ({ publicKey: OTHER_KEY, tlsSpkiSha256: null }));
    const hitsBefore = [...server.hits.values()].reduce((a, b) => a + b, 0);
    ws.submit({ clerk: 'C1', scans: [4000] });
    await until(() => ws.worker.status().lastError?.code === 'enrolment_server_key_mismatch', 5000, 'the refusal to show');
    await new Promise((r) => setTimeout(r, 200));
    expect([...server.hits.values()].reduce((a, b) => a + b, 0)).toBe(hitsBefore);
    expect(server.ops('SP01-W1')).toHaveLength(1);
    expect(ws.store.outbox.pendingCount()).toBeGreaterThan(0);
    const { lastError, state } = ws.worker.status();
    expect(state).toBe('attention');
    for (const locale of LOCALES) {
      const text = translate(locale, lastError!.messageKey as MessageKey, lastError!.params);
      expect(text).toContain(OTHER_KEY.slice(0, 12));
      expect(text).not.toMatch(/\{\w+\}/);
    }
    // A person proving their password here is not signed in to that server either.
    await ws.worker.signedIn('C1', 'a password');
    expect([...server.hits.values()].reduce((a, b) => a + b, 0)).toBe(hitsBefore);
  });

  it('the pinned server itself: sync carries on', async () => {
    const { server, ws } = await enrolledThenReopened((serverKey) => ({ publicKey: serverKey, tlsSpkiSha256: null }));
    ws.submit({ clerk: 'C1', scans: [4000] });
    await until(() => ws.store.outbox.pendingCount() === 0 && server.ops('SP01-W1').length === 2, 5000, 'the second application to be sent');
    expect(ws.worker.status().lastError).toBeNull();
  });

  it('a pinned TLS key refuses an enrolment made over plain HTTP', async () => {
    const { server, ws } = await enrolledThenReopened(() => ({ publicKey: null, tlsSpkiSha256: 'ab'.repeat(32) }));
    ws.submit({ clerk: 'C1', scans: [] });
    await until(() => ws.worker.status().lastError?.code === 'enrolment_tls_key_mismatch', 5000, 'the refusal to show');
    expect(server.ops('SP01-W1')).toHaveLength(1);
  });
});
