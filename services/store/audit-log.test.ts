import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './index';
import { openTestStore, tempStoreDir } from './test-support';

const noTerms = { entityNames: [], registrationNumbers: [], idNumbers: [] };

describe('audit log', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  beforeEach(() => {
    t = tempStoreDir();
    store = openTestStore(t.dir, t.key);
    const d = store.applications.createDraft({ kind: 'first_application', data: {}, search: noTerms, actor: 'clerk1' });
    store.applications.saveDraft(d.id, { data: { x: 1 }, search: noTerms, actor: 'clerk1' });
    store.applications.setStatus(d.id, { status: 'pending_approval', actor: 'clerk1' });
    store.applications.setStatus(d.id, { status: 'approved', actor: 'super1' });
    store.audit.append({ actor: 'super1', action: 'print', subjectId: d.id, details: { copies: 1 } });
    store.audit.append({ actor: 'clerk1', action: 'sign_in' });
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });

  /** What an attacker holding the key could do: drop the triggers, then edit. */
  const tamper = (sql: string) => {
    store.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    store.db.exec(sql);
  };

  it('records who, where, when and what, and verifies an untouched log', () => {
    const entries = store.audit.recent(10).reverse();
    expect(entries.map((e) => [e.seq, e.action, e.actor])).toEqual([
      [1, 'create', 'clerk1'],
      [2, 'edit', 'clerk1'],
      [3, 'submit', 'clerk1'],
      [4, 'approve', 'super1'],
      [5, 'print', 'super1'],
      [6, 'sign_in', 'clerk1'],
    ]);
    expect(entries.every((e) => e.workstationId === 'ws-test-01' && /^\d{4}-\d\d-\d\dT/.test(e.at))).toBe(true);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(store.audit.verify()).toEqual({ ok: true, count: 6 });
  });

  it('the database itself refuses to change or delete an entry', () => {
    expect(() => store.db.exec(`UPDATE audit_log SET actor = 'someone' WHERE seq = 2`)).toThrow(/append-only/);
    expect(() => store.db.exec(`DELETE FROM audit_log WHERE seq = 2`)).toThrow(/append-only/);
    expect(store.audit.verify().ok).toBe(true);
  });

  it('detects an altered entry', () => {
    tamper(`UPDATE audit_log SET actor = 'clerk2' WHERE seq = 3`);
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('detects altered details even when the hash is left alone', () => {
    tamper(`UPDATE audit_log SET details = '{"copies":2}' WHERE seq = 5`);
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('detects a deleted entry in the middle', () => {
    tamper(`DELETE FROM audit_log WHERE seq = 2`);
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('detects entries cut off the end', () => {
    tamper(`DELETE FROM audit_log WHERE seq >= 5`);
    expect(store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('detects a deleted entry even when the rest were renumbered and re-linked without the chain', () => {
    tamper(`DELETE FROM audit_log WHERE seq = 4; UPDATE audit_log SET seq = seq - 1 WHERE seq > 4;`);
    expect(store.audit.verify().ok).toBe(false);
  });

  it('shows an application its own history only', () => {
    const id = store.applications.list({})[0]?.id ?? '';
    expect(store.audit.forSubject(id).map((e) => e.action)).toEqual(['create', 'edit', 'submit', 'approve', 'print']);
  });

  it('an audit entry is never written without the change it records', () => {
    const before = store.audit.verify().count;
    expect(() => store.applications.saveDraft('missing', { data: {}, search: noTerms, actor: 'c' })).toThrow();
    expect(store.audit.verify()).toEqual({ ok: true, count: before });
  });
});
