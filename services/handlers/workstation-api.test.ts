import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { scanFixtures } from '../store/attachments/fixtures';

// Issue 13, item 2 through a whole core: the administrator sets the service point, workstation
// id and scanner folder in the app; a receipt never prints the development placeholder.

describe('workstation.* through the API', () => {
  let dir: string;
  let core: AppCore;
  const now = new Date('2026-11-23T03:00:00Z');
  const { call, value, as } = apiClient(() => core);
  const start = () => {
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', clock: () => now, session: { passwordParams: TEST_PASSWORD_PARAMS } });
  };
  const settingsFile = () => JSON.parse(readFileSync(join(dir, 'workstation.json'), 'utf8')) as Record<string, unknown>;
  const sp01 = { code: 'SP01', nameZh: '氹仔服務點', namePt: 'Posto da Taipa' };
  /** A submitted application numbered on this workstation, as intake would leave it. */
  const numbered = (clerk: string) => {
    const app = sampleFirstApplication();
    const actor = `staff:${clerk}`;
    const rec = core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor });
    core.store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot: 'paper.application_form', actor });
    core.store.applications.setStatus(rec.id, { status: 'pending_approval', actor, applicationNumber: `DEV-${core.config.workstationId}-20261123-0001-X` });
    return rec.id;
  };

  beforeEach(async () => {
    // A fresh data folder: the core writes the development placeholder itself.
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-workstation-'));
    start();
    await value('auth.setup', { staffNumber: 'A0001', displayName: '管理員', password: 'admin-password-1', setupCode: core.setupCode ?? '' });
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh workstation says it is the placeholder; the administrator sets it, app.info shows it at once and the file is rewritten whole', async () => {
    const before = await value('workstation.settings');
    expect(before).toMatchObject({ placeholder: true, servicePoint: { code: 'DEV' }, scannerFolder: '', workstationIdLocked: false });

    const scans = join(dir, 'scans');
    mkdirSync(scans);
    const r = await value('workstation.configure', { servicePoint: sp01, workstationId: 'W07', scannerFolder: scans });
    expect(r).toMatchObject({ restartRequired: true, settings: { placeholder: false, servicePoint: sp01, workstationId: 'W07', scannerFolder: scans } });
    expect(settingsFile()).toEqual({ workstationId: 'W07', servicePoint: sp01, scannerFolder: scans });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await value('app.info')).servicePoint).toEqual(sp01);
    expect(core.store.audit.recent().filter((e) => e.action === 'settings_change')).toHaveLength(1);

    // The administrator still signs in after the restart, now at SP01, as W07.
    core.close();
    start();
    expect(await call('auth.signIn', { staffNumber: 'A0001', password: 'admin-password-1' })).toMatchObject({ ok: true });
    expect(await value('app.info')).toMatchObject({ workstationId: 'W07', servicePoint: sp01 });
    expect(await value('workstation.settings')).toMatchObject({ placeholder: false });
  });

  it('a name change alone needs no restart; an empty scanner folder turns it off', async () => {
    await value('workstation.configure', { servicePoint: sp01, workstationId: 'W07', scannerFolder: '' });
    core.close();
    start();
    await value('auth.signIn', { staffNumber: 'A0001', password: 'admin-password-1' });
    const renamed = { ...sp01, nameZh: '氹仔綜合服務點' };
    expect(await value('workstation.configure', { servicePoint: renamed, workstationId: 'W07', scannerFolder: '' })).toMatchObject({ restartRequired: false });
    expect((await value('app.info')).servicePoint.nameZh).toBe('氹仔綜合服務點');
    expect(settingsFile()).not.toHaveProperty('scannerFolder');
  });

  it('refuses a malformed code, the placeholder code, a missing folder and a non-administrator, changing nothing', async () => {
    const file = readFileSync(join(dir, 'workstation.json'), 'utf8');
    expect(await call('workstation.configure', { servicePoint: { ...sp01, code: 'sp-1' }, workstationId: 'W07', scannerFolder: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('workstation.configure', { servicePoint: { ...sp01, nameZh: ' ' }, workstationId: 'W07', scannerFolder: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('workstation.configure', { servicePoint: { ...sp01, code: 'DEV' }, workstationId: 'W07', scannerFolder: '' })).toMatchObject({
      ok: false,
      error: { messageKey: 'workstation.error.placeholderCode' },
    });
    const missing = join(dir, 'no-such-folder');
    expect(await call('workstation.configure', { servicePoint: sp01, workstationId: 'W07', scannerFolder: missing })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'workstation.error.folderMissing', params: { folder: missing } },
    });
    writeFileSync(join(dir, 'a-file'), 'x');
    expect(await call('workstation.configure', { servicePoint: sp01, workstationId: 'W07', scannerFolder: join(dir, 'a-file') })).toMatchObject({
      ok: false,
      error: { messageKey: 'workstation.error.folderMissing' },
    });
    expect(await call('workstation.configure', { servicePoint: sp01, workstationId: 'W07', scannerFolder: 'relative/scans' })).toMatchObject({
      ok: false,
      error: { messageKey: 'workstation.error.folderMissing' },
    });
    await as('S0001', ['supervisor']);
    expect(await call('workstation.configure', { servicePoint: sp01, workstationId: 'W07', scannerFolder: '' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('workstation.settings')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readFileSync(join(dir, 'workstation.json'), 'utf8')).toBe(file);
    expect(core.store.audit.recent().filter((e) => e.action === 'settings_change')).toEqual([]);
  });

  it('refuses a new workstation id once applications were numbered here, with the reason, but still lets the names change', async () => {
    const id = core.config.workstationId;
    numbered('C0001');
    expect(await value('workstation.settings')).toMatchObject({ workstationIdLocked: true });
    expect(await call('workstation.configure', { servicePoint: sp01, workstationId: 'W07', scannerFolder: '' })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'workstation.error.workstationIdLocked', params: { workstationId: id } },
    });
    expect(await call('workstation.configure', { servicePoint: sp01, workstationId: id, scannerFolder: '' })).toMatchObject({ ok: true });
  });

  it('a receipt is refused while the service point is the placeholder, telling the clerk to ask the administrator, and issued once it is set', async () => {
    const appId = numbered('C0001');
    await as('C0001', ['clerk']);
    expect(await call('receipts.issue', { applicationId: appId })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'workstation.error.receiptPlaceholder' },
    });
    await as('A0002', ['workstation_admin']);
    const r = await value('workstation.configure', { servicePoint: sp01, workstationId: core.config.workstationId, scannerFolder: '' });
    // A new service point code: sign-in reads it at start, as the answer says.
    expect(r.restartRequired).toBe(true);
    core.close();
    start();
    await as('C0001', ['clerk']);
    expect(await call('receipts.issue', { applicationId: appId })).toMatchObject({ ok: true });
  });

  it('imports a reference file whole, so intake finds its entities at once, and refuses a bad file or a non-administrator, importing nothing', async () => {
    const file = {
      entities: [{ entityNumber: 'E9001', names: { zh: '參考測試有限公司', pt: 'Referência Teste, Limitada' }, registrationNumbers: ['SO-9001'] }],
      staffLogins: [
        { loginId: 'ref.user', entityNumber: 'E9001', idType: 'mo_bir_permanent', idNumber: '1234567(8)', activated: true, faceRecognition: 'enabled' },
      ],
    };
    const bad = { entities: [...file.entities, file.entities[0]] };
    expect(await call('workstation.importReference', { fileName: 'bad.json', content: JSON.stringify(bad) })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'workstation.error.referenceInvalid' },
    });
    expect(await call('workstation.importReference', { fileName: 'x.json', content: '{ not json' })).toMatchObject({
      ok: false,
      error: { messageKey: 'workstation.error.referenceInvalid' },
    });
    expect(core.services.reference.byEntityNumber('E9001')).toBeUndefined();
    expect(await value('workstation.importReference', { fileName: 'reference.json', content: JSON.stringify(file) })).toEqual({
      entities: 1,
      staffLogins: 1,
      workstationKeys: 0,
    });
    expect(core.services.reference.byEntityNumber('E9001')).toBeDefined();
    expect(core.store.audit.recent().filter((e) => e.action === 'reference_import')).toHaveLength(1);
    await as('C0001', ['clerk']);
    expect(await call('workstation.importReference', { fileName: 'reference.json', content: JSON.stringify(file) })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
