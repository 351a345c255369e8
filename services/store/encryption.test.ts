import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase, integrityCheck } from './database';
import { isStoreError } from './errors';
import { openTestStore, tempStoreDir } from './test-support';
import { scanFixtures } from './attachments/fixtures';
import { deriveKek, kekId } from './attachments/blob-crypto';

const ID_NUMBER = '5215299(8)';
const NAME_ZH = '澳門氹仔花城業主聯誼會';
const NAME_PT = 'Associação dos Proprietários da Flor de Taipa';

function fileContains(path: string, needle: string): boolean {
  if (!existsSync(path)) return false;
  const hay = readFileSync(path);
  return [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')].some((n) => hay.includes(n));
}

describe('encryption at rest', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('neither the database file nor its WAL holds personal data in clear', () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    for (let i = 0; i < 20; i++) {
      const d = store.applications.createDraft({
        kind: 'first_application',
        data: { entity: { nameZh: NAME_ZH, namePt: NAME_PT }, admin: { idNumber: ID_NUMBER } },
        search: { entityNames: [NAME_ZH, NAME_PT], registrationNumbers: ['12345/SO'], idNumbers: [ID_NUMBER] },
        actor: 'clerk',
      });
      store.applications.saveDraft(d.id, {
        data: { entity: { nameZh: NAME_ZH }, note: ID_NUMBER },
        search: { entityNames: [NAME_ZH], registrationNumbers: [], idNumbers: [ID_NUMBER] },
        actor: 'clerk',
      });
    }
    // Before checkpoint (data in -wal) and after (data in the main file).
    for (const f of [store.path, `${store.path}-wal`]) {
      for (const needle of [ID_NUMBER, '52152998', NAME_ZH, 'Proprietários', 'first_application'])
        expect(fileContains(f, needle), `${f} ${needle}`).toBe(false);
    }
    expect(existsSync(`${store.path}-wal`)).toBe(true);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const needle of [ID_NUMBER, '52152998', NAME_ZH, 'Proprietários']) expect(fileContains(store.path, needle)).toBe(false);
    expect(readFileSync(store.path).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(store.health().encrypted).toBe(true);
    store.close();
  });

  it('a wrong key is refused with wrong_key and leaves the database untouched', () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    const d = store.applications.createDraft({
      kind: 'first_application',
      data: { v: 'kept' },
      search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
      actor: 'c',
    });
    store.close();
    const before = readFileSync(`${t.dir}/counterdesk.db`);
    let err: unknown;
    try {
      openTestStore(t.dir, randomBytes(32));
    } catch (e) {
      err = e;
    }
    expect(isStoreError(err, 'wrong_key')).toBe(true);
    expect((err as { messageKey: string }).messageKey).toBe('store.error.wrongKey');
    expect(readFileSync(`${t.dir}/counterdesk.db`).equals(before)).toBe(true);
    const again = openTestStore(t.dir, t.key);
    expect(again.applications.get(d.id)?.data).toEqual({ v: 'kept' });
    expect(again.health().integrity).toBe('ok');
    again.close();
  });

  it('a key of the wrong length is refused before touching the disk', () => {
    t = tempStoreDir();
    expect(() => openTestStore(t!.dir, randomBytes(16))).toThrow(expect.objectContaining({ code: 'wrong_key' }));
  });

  it('rotating the key re-encrypts the database and re-wraps scan keys; the old key no longer opens it', () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    const d = store.applications.createDraft({
      kind: 'first_application',
      data: { v: 1 },
      search: { entityNames: [NAME_ZH], registrationNumbers: [], idNumbers: [] },
      actor: 'c',
    });
    const a = store.attachments.put(scanFixtures.jpeg, { applicationId: d.id, slot: 'x', actor: 'c' });
    const newKey = randomBytes(32);
    expect(store.rotateKey(newKey, 'admin')).toEqual({ rewrapped: 1 });
    // Still usable in this session, with the new KEK for new scans.
    expect(store.attachments.read(a.id).equals(scanFixtures.jpeg)).toBe(true);
    store.applications.saveDraft(d.id, { data: { v: 2 }, search: { entityNames: [NAME_ZH], registrationNumbers: [], idNumbers: [] }, actor: 'c' });
    store.close();
    expect(() => openTestStore(t!.dir, t!.key)).toThrow(expect.objectContaining({ code: 'wrong_key' }));
    const again = openTestStore(t.dir, newKey);
    expect(again.applications.get(d.id)?.data).toEqual({ v: 2 });
    expect(again.attachments.read(a.id).equals(scanFixtures.jpeg)).toBe(true);
    expect(again.health()).toMatchObject({ integrity: 'ok', encrypted: true });
    expect(again.audit.verify().ok).toBe(true);
    expect(again.audit.recent(5).map((e) => e.action)).toContain('key_rotated');
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('a rotation stopped between re-wrapping and re-keying is finished by running it again', () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    const d = store.applications.createDraft({
      kind: 'first_application',
      data: {},
      search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
      actor: 'c',
    });
    const a = store.attachments.put(scanFixtures.png, { applicationId: d.id, slot: 'x', actor: 'c' });
    const pending = randomBytes(32);
    // Simulate the crash: re-wrap only (what rotateKey commits first), no rekey.
    store.close();
    const s2 = openTestStore(t.dir, t.key, { otherKeys: [pending] });
    const kek = deriveKek(pending);
    expect(s2.db.transaction(() => s2.attachments.rewrapAll({ id: kekId(kek), key: kek }))()).toBe(1);
    s2.close();
    const without = openTestStore(t.dir, t.key);
    expect(() => without.attachments.read(a.id)).toThrow(expect.objectContaining({ code: 'wrong_key' }));
    without.close();
    const db = openDatabase(`${t.dir}/counterdesk.db`, t.key);
    expect(integrityCheck(db)).toBe('ok');
    db.close();
    const resumed = openTestStore(t.dir, t.key, { otherKeys: [pending] });
    expect(resumed.attachments.read(a.id).equals(scanFixtures.png)).toBe(true);
    resumed.rotateKey(pending, 'admin');
    resumed.close();
    const done = openTestStore(t.dir, pending);
    expect(done.attachments.read(a.id).equals(scanFixtures.png)).toBe(true);
    done.close();
  });
});
