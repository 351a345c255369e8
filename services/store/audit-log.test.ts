import { createHash, createHmac } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ANCHOR_FILE } from './audit-log';
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

  describe('issue 12 item 12: someone holding the database key but not the audit key', () => {
    /** Rewrite the chain from `fromSeq` on as a tool without the audit key would: plain SHA-256, head to match. */
    const recomputePlain = (edit: string) => {
      tamper(edit);
      let prev = '0'.repeat(64);
      const rows = store.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, string | number | null>[];
      for (const r of rows) {
        const canonical = JSON.stringify([r['seq'], r['at'], r['actor'], r['workstation_id'], r['action'], r['subject_id'], r['details']]);
        const hash = createHash('sha256').update(prev).update('\n').update(canonical).digest('hex');
        store.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, keyed = 0 WHERE seq = ?').run(prev, hash, r['seq']);
        prev = hash;
      }
      store.db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run(rows.length, prev);
    };

    it('new entries are keyed and carry the hash of the application row they leave behind', () => {
      const rows = store.db.prepare('SELECT keyed, row_hash, subject_id FROM audit_log ORDER BY seq').all() as {
        keyed: number;
        row_hash: string | null;
        subject_id: string | null;
      }[];
      expect(rows.every((r) => r.keyed === 1)).toBe(true);
      expect(rows.filter((r) => r.subject_id !== null).every((r) => /^[0-9a-f]{64}$/.test(r.row_hash ?? ''))).toBe(true);
      expect(rows.at(-1)).toMatchObject({ subject_id: null, row_hash: null });
    });

    it('detects the whole chain and its head recomputed after an edit', () => {
      recomputePlain(`UPDATE audit_log SET actor = 'clerk2' WHERE seq = 3`);
      expect(store.audit.verify()).toMatchObject({ ok: false });
    });

    it('detects the chain recomputed with a key of their own', () => {
      tamper(`UPDATE audit_log SET actor = 'clerk2' WHERE seq = 3`);
      const theirs = Buffer.alloc(32, 1);
      let prev = store.db.prepare('SELECT hash FROM audit_log WHERE seq = 2').pluck().get() as string;
      for (const r of store.db.prepare('SELECT * FROM audit_log WHERE seq >= 3 ORDER BY seq').all() as Record<string, string | number | null>[]) {
        const canonical = JSON.stringify([r['seq'], r['at'], r['actor'], r['workstation_id'], r['action'], r['subject_id'], r['details'], r['row_hash']]);
        const hash = createHmac('sha256', theirs).update('counterdesk-audit/v2\n').update(prev).update('\n').update(canonical).digest('hex');
        store.db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r['seq']);
        prev = hash;
      }
      store.db.prepare('UPDATE audit_head SET hash = ? WHERE id = 1').run(prev);
      expect(store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
    });

    it('detects a tail cut off with the head moved back to match', () => {
      tamper(`DELETE FROM audit_log WHERE seq >= 5; UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_log WHERE seq = 4) WHERE id = 1;`);
      expect(store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5 });
    });

    it('detects the anchor outside the database taken away or rewritten', () => {
      rmSync(join(t.dir, AUDIT_ANCHOR_FILE));
      expect(store.audit.verify()).toMatchObject({ ok: false, reason: expect.stringContaining('missing') });
      writeFileSync(join(t.dir, AUDIT_ANCHOR_FILE), JSON.stringify({ seq: 4, hash: store.audit.recent(3)[2]?.hash, mac: 'f'.repeat(64) }));
      expect(store.audit.verify()).toMatchObject({ ok: false, reason: expect.stringContaining('altered') });
    });

    it("detects an application's status edited in the database", () => {
      const id = store.applications.list({})[0]?.id ?? '';
      store.db.prepare(`UPDATE applications SET status = 'draft' WHERE id = ?`).run(id);
      expect(store.audit.verify()).toMatchObject({ ok: false, applicationId: id });
    });

    it('detects an ID number edited in the stored form', () => {
      const d = store.applications.createDraft({
        kind: 'first_application',
        data: { idDocumentShown: { number: '1234567(8)' } },
        search: noTerms,
        actor: 'clerk1',
      });
      expect(store.audit.verify().ok).toBe(true);
      store.db.prepare(`UPDATE applications SET data = replace(data, '1234567(8)', '7654321(0)') WHERE id = ?`).run(d.id);
      expect(store.audit.verify()).toMatchObject({ ok: false, applicationId: d.id });
    });

    it('still verifies the plain entries written before the chain was keyed, and refuses a plain entry after a keyed one', () => {
      store.close();
      const u = tempStoreDir();
      try {
        // A chain as the previous version wrote it: plain hashes, no keyed entry, no anchor.
        store = openTestStore(u.dir, u.key);
        store.audit.append({ actor: 'clerk1', action: 'sign_in' });
        store.audit.append({ actor: 'clerk1', action: 'sign_out' });
        recomputePlain('SELECT 1');
        store.close();
        rmSync(join(u.dir, AUDIT_ANCHOR_FILE), { force: true });
        store = openTestStore(u.dir, u.key);
        expect(store.audit.verify()).toMatchObject({ ok: true, count: 2 });
        store.audit.append({ actor: 'clerk1', action: 'sign_in' });
        expect(store.audit.verify()).toMatchObject({ ok: true, count: 3 });
        store.db.exec(`UPDATE audit_log SET keyed = 0 WHERE seq = 3`);
        expect(store.audit.verify()).toMatchObject({ ok: false, firstBadSeq: 3 });
      } finally {
        store.close();
        store = openTestStore(t.dir, t.key);
        u.cleanup();
      }
    });
  });
});
