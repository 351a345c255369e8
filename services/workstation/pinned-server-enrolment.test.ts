import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { EnrolResponseSchema, SYNC_PROTOCOL_VERSION } from '../../api/sync';
import { LOCALES, translate, type MessageKey } from '../../i18n';
import { devSelfSigned, type TlsMaterial } from '../../server/http/tls-config';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { isRefusal } from '../core/refusal';
import { apiClient } from '../core/test-support';
import { call, jsonBody } from '../sync/http-link';
import { signingKeyFromSeed } from '../sync/identity';
import { withPinnedServer } from '../sync/enrolment';
import { startFakeSyncServer, type FakeSyncServer } from '../sync/test-support/fake-sync-server';
import { MACHINE_CONFIG_FORMAT, readMachinePolicy, trustAnchorsFrom } from './machine-config';

// Issue 12 item 2: the machine-wide configuration (only the OS administrator writes it) may pin
// the central server's signing key and/or TLS key. Enrolment then refuses any other server,
// whatever address the workstation administrator types, and says why in their language.

const clock = () => new Date();
const otherKey = () => signingKeyFromSeed(randomBytes(32)).publicKey;

let server: FakeSyncServer;
let serverKey: string;
beforeAll(async () => {
  server = await startFakeSyncServer({ clock });
  // What the server's administrator reads out (`server:admin -- server key`): here, from an enrolment answer.
  const res = await call(server.url, {
    method: 'POST',
    target: '/v1/enrol',
    body: jsonBody({
      protocolVersion: SYNC_PROTOCOL_VERSION,
      code: server.issueCode('SP09', 'W9'),
      servicePoint: 'SP09',
      workstation: 'W9',
      publicKey: otherKey(),
    }),
    headers: { 'content-type': 'application/json' },
    timeoutMs: 10_000,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  serverKey = EnrolResponseSchema.parse(JSON.parse(res.body.toString('utf8'))).serverPublicKey;
});
afterAll(() => server.close());

const dirs: string[] = [];
const cores: AppCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh workstation whose machine configuration pins these keys, its administrator signed in. */
async function workstation(pin: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-pinned-'));
  dirs.push(dir);
  const machine = join(dir, 'machine.json');
  writeFileSync(machine, JSON.stringify({ format: MACHINE_CONFIG_FORMAT, ...pin }));
  const core = createAppCore({
    dataDir: dir,
    key: Buffer.alloc(32, 5),
    version: 'test',
    clock,
    session: { passwordParams: TEST_PASSWORD_PARAMS },
    machineConfig: { path: machine, allowStartConsoleCode: true },
  });
  cores.push(core);
  const api = apiClient(() => core);
  await api.value('auth.setup', { staffNumber: 'A0001', displayName: '管理員', password: 'admin-password-1', setupCode: core.setupCode ?? '' });
  return { dir, core, api };
}

const saidInEveryLanguage = (key: MessageKey, params?: Record<string, string | number>) =>
  LOCALES.map((l) => translate(l, key, params)).filter((t) => t !== key && !t.includes('{'));

describe('a central server pinned by the machine configuration', () => {
  it('a server that signs with another key is refused, said in three languages, and nothing of it is kept', async () => {
    const pinned = otherKey();
    const { dir, api } = await workstation({ centralServerPublicKey: pinned });
    const r = await api.call('sync.enrol', { serverUrl: server.url, code: server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        messageKey: 'hardening.enrolment.serverKeyMismatch',
        params: { expected: pinned.slice(0, 12), presented: serverKey.slice(0, 12) },
      },
    });
    if (r.ok) throw new Error('enrolled');
    expect(saidInEveryLanguage('hardening.enrolment.serverKeyMismatch', r.error.params)).toHaveLength(3);
    expect(await api.value('sync.status')).toMatchObject({ state: 'not_configured', workstationId: null });
    expect(await api.value('auth.status')).toMatchObject({ firstRunEnrolment: true });
    expect(existsSync(join(dir, 'sync-signing.key'))).toBe(false);
  });

  it('the server with the pinned key enrols', async () => {
    const { api } = await workstation({ centralServerPublicKey: serverKey });
    expect(
      await api.value('sync.enrol', { serverUrl: server.url, code: server.issueCode('SP01', 'W2'), servicePoint: 'SP01', workstation: 'W2' }),
    ).toMatchObject({ workstationId: 'SP01-W2' });
  });

  it('a pinned TLS key needs an https:// address: plain HTTP is refused before anything is sent', async () => {
    const { api } = await workstation({ centralServerTlsSpkiSha256: 'AB:'.repeat(31) + 'AB' });
    const hits = [...server.hits.values()].reduce((a, b) => a + b, 0);
    expect(
      await api.call('sync.enrol', { serverUrl: server.url, code: server.issueCode('SP01', 'W3'), servicePoint: 'SP01', workstation: 'W3' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', messageKey: 'hardening.enrolment.needsHttps' },
    });
    expect([...server.hits.values()].reduce((a, b) => a + b, 0)).toBe(hits);
    expect(saidInEveryLanguage('hardening.enrolment.needsHttps')).toHaveLength(3);
  });

  describe('over HTTPS', () => {
    let tls: TlsMaterial;
    let https: Server;
    const seen: string[] = [];
    beforeAll(async () => {
      const d = mkdtempSync(join(tmpdir(), 'counterdesk-pinned-tls-'));
      dirs.push(d);
      tls = devSelfSigned(d);
      https = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.statusCode = 404;
        res.end('{}');
      });
      await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
    });
    afterAll(() => new Promise<void>((r) => https.close(() => r())));
    const url = () => `https://127.0.0.1:${(https.address() as AddressInfo).port}`;

    it('a server with another TLS key gets no request at all, and the administrator reads why', async () => {
      const { api } = await workstation({ centralServerTlsSpkiSha256: 'ab'.repeat(32) });
      seen.length = 0;
      expect(await api.call('sync.enrol', { serverUrl: url(), code: 'AAAA-BBBB-CCCC-DDDD-EEEE', servicePoint: 'SP01', workstation: 'W4' })).toMatchObject({
        ok: false,
        error: { code: 'refused', messageKey: 'hardening.enrolment.tlsKeyMismatch' },
      });
      expect(seen).toEqual([]);
      expect(saidInEveryLanguage('hardening.enrolment.tlsKeyMismatch')).toHaveLength(3);
    });

    it('(control) with its own TLS key pinned, the same self-signed server is reached', async () => {
      const { api } = await workstation({ centralServerTlsSpkiSha256: tls.spkiSha256 });
      seen.length = 0;
      const r = await api.call('sync.enrol', { serverUrl: url(), code: 'AAAA-BBBB-CCCC-DDDD-EEEE', servicePoint: 'SP01', workstation: 'W4' });
      expect(r.ok).toBe(false); // not a sync server; what matters is that it was reached
      expect(seen[0]).toBe('GET /health');
    });
  });

  it('is read from the machine configuration only, and a configuration not trusted allows no enrolment at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterdesk-pinned-cfg-'));
    dirs.push(dir);
    const file = join(dir, 'machine.json');
    writeFileSync(
      file,
      JSON.stringify({ format: MACHINE_CONFIG_FORMAT, centralServerPublicKey: serverKey, centralServerTlsSpkiSha256: 'AB:'.repeat(31) + 'AB' }),
    );
    const ok = trustAnchorsFrom(readMachinePolicy(file, { requireReadOnly: false }), { allowStartConsoleCode: false }).trust;
    expect(ok.centralServer).toEqual({ publicKey: serverKey, tlsSpkiSha256: 'ab'.repeat(32) });
    const input = { serverUrl: 'https://typed.example', code: 'X', servicePoint: 'SP01', workstation: 'W1', tlsSpkiSha256: 'cd'.repeat(32) };
    expect(withPinnedServer(input, ok.centralServer)).toMatchObject({ serverPublicKey: serverKey, tlsSpkiSha256: 'ab'.repeat(32) });

    writeFileSync(file, JSON.stringify({ format: MACHINE_CONFIG_FORMAT, centralServerPublicKey: 'not-a-key' }));
    const bad = trustAnchorsFrom(readMachinePolicy(file, { requireReadOnly: false }), { allowStartConsoleCode: false }).trust;
    expect(bad.centralServer).toBe('untrusted');
    let refusal: unknown;
    try {
      withPinnedServer(input, bad.centralServer);
    } catch (e) {
      refusal = e;
    }
    expect(isRefusal(refusal) && refusal.code).toBe('enrolment_machine_config_untrusted');
    expect(saidInEveryLanguage('hardening.enrolment.machineConfigUntrusted')).toHaveLength(3);

    rmSync(file);
    expect(trustAnchorsFrom(readMachinePolicy(file, { requireReadOnly: false }), { allowStartConsoleCode: false }).trust.centralServer).toBeNull();
  });
});
