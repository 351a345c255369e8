import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { MACHINE_CONFIG_FORMAT, readMachinePolicy, setupCodeHash } from '../workstation/machine-config';
import { rawPublicKeyBase64, signEnrolmentFile } from './enrolment-file';
import { hashPassword } from './password-verifier';
import { TEST_PASSWORD_PARAMS } from './test-support';

// Issue 12 item 2, the attacks first: a workstation administrator pinning their own enrolment
// authority (then importing a supervisor they made), and whoever reaches a fresh workstation
// first making themselves its administrator. Both go through the API as the renderer calls it.

const KEY = Buffer.alloc(32, 7);
const INSTALLER_CODE = 'K7QM-2XRT-9VWB-4HZD';
const admin = { staffNumber: 'A0001', displayName: '管理員', password: 'admin-password-1' };

let dirs: string[] = [];
let cores: AppCore[] = [];
afterEach(() => {
  for (const c of cores) c.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  cores = [];
  dirs = [];
});

function workstation(machine: object | null, opts: { requireReadOnly?: boolean; allowStartConsoleCode?: boolean; dataDir?: string } = {}) {
  const dir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'counterdesk-trust-'));
  if (!opts.dataDir) dirs.push(dir);
  const machinePath = join(dir, 'machine.json');
  if (machine) writeFileSync(machinePath, JSON.stringify(machine), { mode: 0o444 });
  writeFileSync(
    join(dir, 'workstation.json'),
    JSON.stringify({ workstationId: 'W01', servicePoint: { code: 'SP1', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
  );
  const core = createAppCore({
    dataDir: dir,
    key: KEY,
    version: 'test',
    session: { passwordParams: TEST_PASSWORD_PARAMS },
    machineConfig: { path: machinePath, requireReadOnly: opts.requireReadOnly ?? false, allowStartConsoleCode: opts.allowStartConsoleCode ?? false },
  });
  cores.push(core);
  return { core, api: apiClient(() => core), dir };
}

const supervisorFile = async (signer: KeyObject) =>
  signEnrolmentFile(
    {
      authority: 'self-made',
      issuedAt: '2026-11-01T00:00:00Z',
      users: [
        {
          staffNumber: 'S0666',
          displayName: '自己人',
          roles: ['supervisor'],
          servicePoints: ['SP1'],
          passwordVerifier: await hashPassword('rubber-stamp-1', TEST_PASSWORD_PARAMS),
          active: true,
        },
      ],
    },
    signer,
  );

describe('the enrolment trust anchor is not the workstation administrator’s to set (issue 12 item 2)', () => {
  it('attack: an administrator cannot pin their own key and import a supervisor signed with it', async () => {
    const { core, api } = workstation({ format: MACHINE_CONFIG_FORMAT, setupCodeSha256: setupCodeHash(INSTALLER_CODE) });
    await api.value('auth.setup', { ...admin, setupCode: INSTALLER_CODE });
    const own = generateKeyPairSync('ed25519');
    // The method the attack used is gone from the API…
    expect(await api.raw('auth.setEnrolmentKey', { publicKey: rawPublicKeyBase64(own.publicKey) })).toMatchObject({ ok: false });
    // …and a key written straight into the store (the old setting) is not trusted either.
    core.store.db
      .prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('auth.enrolmentPublicKey', ?, '2026-11-01T00:00:00Z', 'staff:A0001')")
      .run(JSON.stringify(rawPublicKeyBase64(own.publicKey)));
    expect(await api.call('auth.importEnrolment', { fileText: await supervisorFile(own.privateKey) })).toMatchObject({
      ok: false,
      error: { messageKey: 'auth.error.enrolmentNoKey' },
    });
    expect(await api.call('auth.signIn', { staffNumber: 'S0666', password: 'rubber-stamp-1' })).toMatchObject({ ok: false });
    expect(await api.value('auth.settings')).toMatchObject({ enrolmentKeyConfigured: false, enrolmentKey: null, machineConfig: { state: 'ok' } });
  });

  it('the key pinned in the machine configuration is the one files are checked against; another signer is refused', async () => {
    const authority = generateKeyPairSync('ed25519');
    const pinned = rawPublicKeyBase64(authority.publicKey);
    const { api } = workstation({ format: MACHINE_CONFIG_FORMAT, setupCodeSha256: setupCodeHash(INSTALLER_CODE), enrolmentAuthorityKey: pinned });
    await api.value('auth.setup', { ...admin, setupCode: INSTALLER_CODE });
    expect(await api.value('auth.settings')).toMatchObject({ enrolmentKeyConfigured: true, enrolmentKey: pinned });
    const own = generateKeyPairSync('ed25519');
    expect(await api.call('auth.importEnrolment', { fileText: await supervisorFile(own.privateKey) })).toMatchObject({
      ok: false,
      error: { messageKey: 'auth.error.enrolmentTampered' },
    });
    expect(await api.value('auth.importEnrolment', { fileText: await supervisorFile(authority.privateKey) })).toEqual({ created: 1, updated: 0 });
  });

  it('once enrolled with the central server, signed files are refused: users come by sync', async () => {
    const authority = generateKeyPairSync('ed25519');
    const { core, api } = workstation({
      format: MACHINE_CONFIG_FORMAT,
      setupCodeSha256: setupCodeHash(INSTALLER_CODE),
      enrolmentAuthorityKey: rawPublicKeyBase64(authority.publicKey),
    });
    await api.value('auth.setup', { ...admin, setupCode: INSTALLER_CODE });
    core.store.db.prepare("INSERT INTO sync_state (key, value) VALUES ('enrolment.pin', '{}')").run();
    expect(await api.call('auth.importEnrolment', { fileText: await supervisorFile(authority.privateKey) })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'users.error.managedCentrally' },
    });
    expect(await api.value('auth.settings')).toMatchObject({ managedCentrally: true });
  });
});

describe('first-run setup needs the one-time code, not just being first (issue 12 item 2)', () => {
  it('attack: the first person at a fresh workstation cannot make themselves its administrator without the code', async () => {
    const { core, api } = workstation({ format: MACHINE_CONFIG_FORMAT, setupCodeSha256: setupCodeHash(INSTALLER_CODE) });
    expect(await api.value('auth.status')).toMatchObject({ setupNeeded: true, setupCodeSource: 'machine_config' });
    expect(await api.raw('auth.setup', admin)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await api.call('auth.setup', { ...admin, setupCode: 'AAAA-BBBB-CCCC-DDDD' })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'auth.error.setupCodeInvalid', params: { remaining: 9 } },
    });
    expect(await api.value('auth.status')).toMatchObject({ setupNeeded: true, user: null });
    expect(core.store.audit.recent(5).map((e) => e.details)).toContainEqual(expect.objectContaining({ purpose: 'first_run_setup', reason: 'wrong_code' }));
    // The installer's code, typed as a person would (lower case, spaces): the administrator is made.
    const made = await api.value('auth.setup', { ...admin, setupCode: ` ${INSTALLER_CODE.toLowerCase().replace(/-/g, ' ')} ` });
    expect(made.roles).toEqual(['workstation_admin']);
    expect(await api.call('auth.setup', { ...admin, staffNumber: 'A0002', setupCode: INSTALLER_CODE })).toMatchObject({
      ok: false,
      error: { messageKey: 'auth.error.setupDone' },
    });
  });

  it('guessing is bounded: after 10 wrong codes even the right one is refused until the app is restarted', async () => {
    const { api, dir } = workstation({ format: MACHINE_CONFIG_FORMAT, setupCodeSha256: setupCodeHash(INSTALLER_CODE) });
    for (let i = 0; i < 10; i++) await api.call('auth.setup', { ...admin, setupCode: `WRONG-${i}` });
    expect(await api.call('auth.setup', { ...admin, setupCode: INSTALLER_CODE })).toMatchObject({
      ok: false,
      error: { messageKey: 'auth.error.setupCodeUnavailable' },
    });
    cores.pop()?.close();
    const again = workstation(null, { dataDir: dir });
    expect(await again.api.call('auth.setup', { ...admin, setupCode: INSTALLER_CODE })).toMatchObject({ ok: true });
  });

  it('without a machine configuration the installed app cannot be set up; a development run gets a code for whoever started it', async () => {
    const installed = workstation(null, { requireReadOnly: true, allowStartConsoleCode: false });
    expect(installed.core.setupCode).toBeNull();
    expect(await installed.api.value('auth.status')).toMatchObject({ setupNeeded: true, setupCodeSource: 'unavailable' });
    expect(await installed.api.call('auth.setup', { ...admin, setupCode: 'ANYT-HING-ATAL-L000' })).toMatchObject({
      ok: false,
      error: { messageKey: 'auth.error.setupCodeUnavailable' },
    });
    const dev = workstation(null, { allowStartConsoleCode: true });
    expect(dev.core.setupCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await dev.api.value('auth.status')).toMatchObject({ setupCodeSource: 'start_console' });
    expect(await dev.api.call('auth.setup', { ...admin, setupCode: dev.core.setupCode ?? '' })).toMatchObject({ ok: true });
  });

  it('a machine configuration the app’s own user could write, or a malformed one, pins nothing and allows no set-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterdesk-trust-'));
    dirs.push(dir);
    const path = join(dir, 'machine.json');
    writeFileSync(path, JSON.stringify({ format: MACHINE_CONFIG_FORMAT, setupCodeSha256: setupCodeHash(INSTALLER_CODE) }));
    chmodSync(path, 0o644);
    // As root every file is writable: the check is about the ordinary user the app runs as.
    if (process.getuid?.() !== 0) expect(readMachinePolicy(path, { requireReadOnly: true })).toMatchObject({ state: 'writable', config: null });
    expect(readMachinePolicy(path, { requireReadOnly: false })).toMatchObject({ state: 'ok' });
    writeFileSync(path, '{"format":"counterdesk-machine/1","setupCodeSha256":"not hex"}');
    expect(readMachinePolicy(path, { requireReadOnly: false })).toMatchObject({ state: 'invalid', config: null });
    const malformed = workstation(null, { dataDir: dir, allowStartConsoleCode: true });
    expect(malformed.core.setupCode).toBeNull();
    expect(await malformed.api.call('auth.setup', { ...admin, setupCode: INSTALLER_CODE })).toMatchObject({
      ok: false,
      error: { messageKey: 'auth.error.setupCodeUnavailable' },
    });
  });
});
