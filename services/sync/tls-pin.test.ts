import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { devSelfSigned, type TlsMaterial } from '../../server/http/tls-config';
import { startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { call, SyncCallError } from './http-link';
import { openTestWorkstation, type TestWorkstation } from './test-support/workstation';

// Issue 14: the reference server over TLS with a self-signed certificate, and a workstation that
// trusts it only through the key fingerprint the administrator reads out with the enrolment code
// — pinned from then on, so a server with another key gets nothing signed.

describe('TLS: the server key is pinned at enrolment', () => {
  let server: TestServer;
  let tls: TlsMaterial;
  let other: TlsMaterial;
  const dirs: string[] = [];
  const workstations: TestWorkstation[] = [];
  beforeAll(async () => {
    const make = () => {
      const d = mkdtempSync(join(tmpdir(), 'counterdesk-tls-'));
      dirs.push(d);
      return devSelfSigned(d);
    };
    tls = make();
    other = make();
    server = await startTestServer({ tls });
  }, 120_000);
  afterAll(async () => {
    for (const w of workstations) await w.close();
    await server?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const workstation = () => {
    const w = openTestWorkstation({ clock: server.clock.now });
    workstations.push(w);
    return w;
  };
  const codeUsed = async (code: string) => {
    const [row] = await server.node.sql<{ used: boolean }[]>`
      SELECT used_at IS NOT NULL AS used FROM enrolment_codes WHERE code_hash = ${createHash('sha256').update(code).digest('hex')}`;
    return row?.used;
  };

  it('serves HTTPS and enrols a workstation that was given the fingerprint; the pin is that key', async () => {
    expect(server.node.url.startsWith('https://')).toBe(true);
    const ws = workstation();
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    // Read out with colons, as a person might.
    const spoken = tls.spkiSha256.match(/../g)?.join(':').toUpperCase() ?? '';
    const pin = await ws.worker.enrol({ serverUrl: server.node.url, code, servicePoint: 'SP01', workstation: 'W1', tlsSpkiSha256: spoken });
    expect(pin.tlsSpkiSha256).toBe(tls.spkiSha256);
    expect(pin.workstationId).toBe('SP01-W1');
    const health = await call(server.node.url, { method: 'GET', target: '/health', timeoutMs: 10_000, nowSeconds: server.clock.seconds() }, pin.tlsSpkiSha256);
    expect(health.status).toBe(200);
    expect(health.tlsSpkiSha256).toBe(tls.spkiSha256);
  });

  it('a wrong fingerprint at enrolment: refused before anything is sent, the code stays unused', async () => {
    const ws = workstation();
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W2');
    const attempt = ws.worker.enrol({ serverUrl: server.node.url, code, servicePoint: 'SP01', workstation: 'W2', tlsSpkiSha256: other.spkiSha256 });
    await expect(attempt).rejects.toMatchObject({ kind: 'identity' });
    expect(await codeUsed(code)).toBe(false);
    const [row] = await server.node.sql<{ public_key: string | null }[]>`SELECT public_key FROM workstations WHERE id = 'SP01-W2'`;
    expect(row?.public_key ?? null).toBeNull();
    // The same code still works with the right fingerprint: the refused attempt never reached the server.
    const pin = await ws.worker.enrol({ serverUrl: server.node.url, code, servicePoint: 'SP01', workstation: 'W2', tlsSpkiSha256: tls.spkiSha256 });
    expect(pin.tlsSpkiSha256).toBe(tls.spkiSha256);
    expect(await codeUsed(code)).toBe(true);
  });

  it('without a fingerprint a self-signed server is not trusted; a pinned workstation refuses a server with another key', async () => {
    const unpinned = call(server.node.url, { method: 'GET', target: '/health', timeoutMs: 10_000, nowSeconds: server.clock.seconds() });
    await expect(unpinned).rejects.toBeInstanceOf(SyncCallError);
    await expect(unpinned).rejects.toMatchObject({ kind: 'network' });
    const wrongPin = call(server.node.url, { method: 'GET', target: '/health', timeoutMs: 10_000, nowSeconds: server.clock.seconds() }, other.spkiSha256);
    await expect(wrongPin).rejects.toMatchObject({ kind: 'identity' });
  });
});
