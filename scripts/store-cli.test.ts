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
    let store = openStore({ dir, key, workstationId: 'W1' });
    const d = store.applications.createDraft({ kind: 'first_application', data: {}, search: { entityNames: [], registrationNumbers: [], idNumbers: [] }, actor: 'c' });
    store.attachments.put(scanFixtures.png, { applicationId: d.id, slot: 'x', actor: 'c' });
    store.close();

    expect(run(dir, 'verify-audit')).toMatchObject({ code: 0, out: expect.stringContaining('2 entries') });
    const held = run(dir, 'held');
    expect(held.code).toBe(0);
    expect(held.out).toContain(d.id);
    expect(held.out).toContain('not yet');
    expect(run(dir, 'rotate-key')).toMatchObject({ code: 0, out: expect.stringContaining('1 scan key(s) re-wrapped') });
    expect(run(dir, 'verify-audit')).toMatchObject({ code: 0, out: expect.stringContaining('3 entries') });

    store = openStore({ dir, key: loadOrCreateKeyFile(join(dir, 'store.key')), workstationId: 'W1' });
    store.db.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE seq = 1;`);
    store.close();
    expect(run(dir, 'verify-audit')).toMatchObject({ code: 1, out: expect.stringContaining('BROKEN at entry 1') });
  }, 60_000);

  it('says clearly when the key is wrong', () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-cli-'));
    openStore({ dir, key: Buffer.alloc(32, 1), workstationId: 'W1' }).close();
    loadOrCreateKeyFile(join(dir, 'store.key'));
    const r = run(dir, 'verify-audit');
    expect(r.code).toBe(1);
    expect(r.out).toContain('encryption key is wrong');
  }, 60_000);

  it('imports reference data from a file, refuses an invalid one whole, and audits the import', () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-cli-'));
    const key = loadOrCreateKeyFile(join(dir, 'store.key'));
    openStore({ dir, key, workstationId: 'W1' }).close();
    const good = join(dir, 'reference.json');
    writeFileSync(
      good,
      JSON.stringify({
        entities: [{ entityNumber: 'E0001', type: 'association', names: { zh: '澳門街坊互助會' }, registrationNumbers: ['A123'] }],
        staffLogins: [{ loginId: 'staff.hk', entityNumber: 'E0001', idType: 'hk_id', idNumber: 'A123456(3)', activated: true, faceRecognition: 'disabled' }],
      }),
    );
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ entities: [{ entityNumber: 'E0002', names: {} }, { entityNumber: 'E0003', names: { zh: '乙' } }] }));
    expect(run(dir, 'import-reference', bad)).toMatchObject({ code: 1, out: expect.stringContaining('entities.0.names') });
    expect(run(dir, 'import-reference', good)).toMatchObject({ code: 0, out: expect.stringContaining('Imported 1 entities and 1 staff logins') });
    const store = openStore({ dir, key, workstationId: 'W1' });
    try {
      const ref = createReferenceRepo(store.db, () => '').snapshot();
      expect(ref.entities.map((e) => e.entityNumber)).toEqual(['E0001']);
      expect(ref.staffLogins).toMatchObject([{ loginId: 'staff.hk', entityNumber: 'E0001' }]);
      expect(store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'reference_import'").pluck().get()).toBe(1);
    } finally {
      store.close();
    }
  }, 60_000);
});
