import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createReferenceRepo } from '../services/intake';
import { tmpdir } from 'node:os';
import { openStore } from '../services/store';
import { loadOrCreateKeyFile } from '../services/store/keys';
import { scanFixtures } from '../services/store/attachments/fixtures';

const CLI = join(import.meta.dirname, 'store-cli.ts');
const run = (dir: string, cmd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, cmd, ...args], { env: { ...process.env, COUNTERDESK_DATA_DIR: dir }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
};

describe('store CLI', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('verifies the audit log, lists held scans, rotates the key, and flags a tampered log', () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-cli-'));
    const key = loadOrCreateKeyFile(join(dir, 'store.key'));
    let store = openStore({ dir, key, workstationId: 'W1', clock: () => new Date() });
    const d = store.applications.createDraft({
      kind: 'first_application',
      data: {},
      search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
      actor: 'c',
    });
    store.attachments.put(scanFixtures.png, { applicationId: d.id, slot: 'x', actor: 'c' });
    store.close();

    expect(run(dir, 'verify-audit')).toMatchObject({ code: 0, out: expect.stringContaining('2 entries') });
    const held = run(dir, 'held');
    expect(held.code).toBe(0);
    expect(held.out).toContain(d.id);
    expect(held.out).toContain('not yet');
    expect(run(dir, 'rotate-key')).toMatchObject({ code: 0, out: expect.stringContaining('1 scan key(s) re-wrapped') });
    expect(run(dir, 'verify-audit')).toMatchObject({ code: 0, out: expect.stringContaining('3 entries') });

    store = openStore({ dir, key: loadOrCreateKeyFile(join(dir, 'store.key')), workstationId: 'W1', clock: () => new Date() });
    store.db.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE seq = 1;`);
    store.close();
    expect(run(dir, 'verify-audit')).toMatchObject({ code: 1, out: expect.stringContaining('BROKEN at entry 1') });
  }, 60_000);

  it('says clearly when the key is wrong', () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-cli-'));
    openStore({ dir, key: Buffer.alloc(32, 1), workstationId: 'W1', clock: () => new Date() }).close();
    loadOrCreateKeyFile(join(dir, 'store.key'));
    const r = run(dir, 'verify-audit');
    expect(r.code).toBe(1);
    expect(r.out).toContain('encryption key is wrong');
  }, 60_000);

  it('imports reference data from a file, refuses an invalid one whole, and audits the import', () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-cli-'));
    const key = loadOrCreateKeyFile(join(dir, 'store.key'));
    openStore({ dir, key, workstationId: 'W1', clock: () => new Date() }).close();
    const good = join(dir, 'reference.json');
    writeFileSync(
      good,
      JSON.stringify({
        entities: [{ entityNumber: 'E0001', type: 'association', names: { zh: '澳門街坊互助會' }, registrationNumbers: ['A123'] }],
        staffLogins: [{ loginId: 'staff.hk', entityNumber: 'E0001', idType: 'hk_id', idNumber: 'A123456(3)', activated: true, faceRecognition: 'disabled' }],
        workstationKeys: [{ workstationId: 'W09', publicKey: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', servicePoint: 'SP02' }],
      }),
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        entities: [
          { entityNumber: 'E0002', names: {} },
          { entityNumber: 'E0003', names: { zh: '乙' } },
        ],
      }),
    );
    expect(run(dir, 'import-reference', bad)).toMatchObject({ code: 1, out: expect.stringContaining('entities.0.names') });
    expect(run(dir, 'import-reference', good)).toMatchObject({
      code: 0,
      out: expect.stringContaining('Imported 1 entities, 1 staff logins and 1 workstation keys'),
    });
    const store = openStore({ dir, key, workstationId: 'W1', clock: () => new Date() });
    try {
      const ref = createReferenceRepo(store.db, () => '').snapshot();
      expect(ref.entities.map((e) => e.entityNumber)).toEqual(['E0001']);
      expect(ref.staffLogins).toMatchObject([{ loginId: 'staff.hk', entityNumber: 'E0001' }]);
      expect(store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'reference_import'").pluck().get()).toBe(1);
      // Another counter's receipts now verify here (issue 6).
      expect(store.db.prepare('SELECT workstation_id, service_point FROM ref_workstation_keys').all()).toEqual([
        { workstation_id: 'W09', service_point: 'SP02' },
      ]);
    } finally {
      store.close();
    }
  }, 60_000);

  it('changes the retention days and the largest scan only within bounds, each change audited with who, from and to', () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-cli-'));
    const key = loadOrCreateKeyFile(join(dir, 'store.key'));
    openStore({ dir, key, workstationId: 'W1', clock: () => new Date() }).close();

    for (const bad of [['--days', '0'], ['--days', 'thirty'], ['--days', '4000'], ['30']]) {
      const r = run(dir, 'set-retention', ...bad);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.out).toContain('usage: tsx scripts/store-cli.ts set-retention --days N (1-3650)');
    }
    expect(run(dir, 'set-max-scan-mb', '65')).toMatchObject({ code: 2, out: expect.stringContaining('must be from 1 to 64 (got 65). Nothing was changed.') });
    expect(run(dir, 'set-max-scan-mb')).toMatchObject({ code: 2 });

    expect(run(dir, 'set-retention', '--days', '7')).toMatchObject({
      code: 0,
      out: expect.stringContaining('purged 7 days after the central API acknowledges them (was 30)'),
    });
    expect(run(dir, 'set-retention', '--days=14')).toMatchObject({ code: 0, out: expect.stringContaining('(was 7)') });
    expect(run(dir, 'set-max-scan-mb', '10')).toMatchObject({ code: 0, out: expect.stringContaining('up to 10 MB are now accepted (was 20.0 MB)') });

    const store = openStore({ dir, key, workstationId: 'W1', clock: () => new Date() });
    try {
      expect(store.settings.get('retention.scanDays')).toBe(14);
      expect(store.settings.get('attachments.maxBytes')).toBe(10 * 1024 * 1024);
      const changes = store.audit
        .recent(10)
        .filter((e) => e.action === 'settings_change')
        .reverse();
      expect(changes.map((e) => e.details)).toEqual([
        { key: 'retention.scanDays', from: null, to: 7 },
        { key: 'retention.scanDays', from: 7, to: 14 },
        { key: 'attachments.maxBytes', from: null, to: 10 * 1024 * 1024 },
      ]);
      expect(changes.every((e) => e.actor.startsWith('admin:'))).toBe(true);
      expect(store.audit.verify().ok).toBe(true);
    } finally {
      store.close();
    }
  }, 60_000);
});
