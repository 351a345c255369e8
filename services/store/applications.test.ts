import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStoreError, type Store } from './index';
import { openTestStore, tempStoreDir } from './test-support';

const terms = (names: string[], reg: string[] = [], ids: string[] = []) => ({ entityNames: names, registrationNumbers: reg, idNumbers: ids });

describe('applications', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  beforeEach(() => {
    t = tempStoreDir();
    store = openTestStore(t.dir, t.key);
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });

  it('creates a draft, saves revisions and reads back what was typed', () => {
    const d = store.applications.createDraft({ kind: 'first_application', data: { entity: { nameZh: '澳' } }, search: terms(['澳']), actor: 'clerk1' });
    expect(d).toMatchObject({ status: 'draft', revision: 1, applicationNumber: null, createdBy: 'clerk1' });
    expect(d.statusHistory).toEqual([{ status: 'draft', at: d.createdAt, actor: 'clerk1' }]);
    const s = store.applications.saveDraft(d.id, {
      data: { entity: { nameZh: '澳門街坊會' } },
      search: terms(['澳門街坊會']),
      actor: 'clerk1',
      expectedRevision: 1,
    });
    expect(s.revision).toBe(2);
    expect(store.applications.get(d.id)?.data).toEqual({ entity: { nameZh: '澳門街坊會' } });
  });

  it('refuses a save against a stale revision and keeps the newer data', () => {
    const d = store.applications.createDraft({ kind: 'first_application', data: { v: 1 }, search: terms([]), actor: 'c' });
    store.applications.saveDraft(d.id, { data: { v: 2 }, search: terms([]), actor: 'c', expectedRevision: 1 });
    let err: unknown;
    try {
      store.applications.saveDraft(d.id, { data: { v: 3 }, search: terms([]), actor: 'c', expectedRevision: 1 });
    } catch (e) {
      err = e;
    }
    expect(isStoreError(err, 'conflict')).toBe(true);
    expect(store.applications.get(d.id)?.data).toEqual({ v: 2 });
  });

  it('refuses to edit an application once submitted, and unknown ids are not_found', () => {
    const d = store.applications.createDraft({ kind: 'security_code', data: {}, search: terms([]), actor: 'c' });
    store.applications.setStatus(d.id, { status: 'pending_approval', actor: 'c' });
    expect(() => store.applications.saveDraft(d.id, { data: { x: 1 }, search: terms([]), actor: 'c' })).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => store.applications.saveDraft('nope', { data: {}, search: terms([]), actor: 'c' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(store.applications.get('nope')).toBeUndefined();
  });

  it('records every status change with who and why, plus outbox rows and audit entries', () => {
    const d = store.applications.createDraft({ kind: 'first_application', data: {}, search: terms(['A']), actor: 'clerk' });
    store.applications.setStatus(d.id, { status: 'pending_approval', actor: 'clerk', applicationNumber: 'CD-20261123-0001' });
    const r = store.applications.setStatus(d.id, { status: 'returned', actor: 'super', reason: '缺少授權書' });
    expect(r.statusHistory.map((h) => [h.status, h.actor, h.reason])).toEqual([
      ['draft', 'clerk', undefined],
      ['pending_approval', 'clerk', undefined],
      ['returned', 'super', '缺少授權書'],
    ]);
    expect(r.applicationNumber).toBe('CD-20261123-0001');
    expect(store.audit.forSubject(d.id).map((e) => e.action)).toEqual(['create', 'submit', 'return']);
    expect(store.outbox.pendingCount()).toBe(3);
  });

  it('refuses to give an application number that another application already has', () => {
    const a = store.applications.createDraft({ kind: 'first_application', data: {}, search: terms([]), actor: 'c' });
    const b = store.applications.createDraft({ kind: 'first_application', data: {}, search: terms([]), actor: 'c' });
    store.applications.setStatus(a.id, { status: 'pending_approval', actor: 'c', applicationNumber: 'N-1' });
    expect(() => store.applications.setStatus(b.id, { status: 'pending_approval', actor: 'c', applicationNumber: 'N-1' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(store.applications.get(b.id)).toMatchObject({ status: 'draft', applicationNumber: null });
  });

  it('lists by status, creator and time, newest first', () => {
    const a = store.applications.createDraft({ kind: 'first_application', data: {}, search: terms(['甲']), actor: 'c1' });
    const b = store.applications.createDraft({ kind: 'change_of_data', data: {}, search: terms(['乙']), actor: 'c2' });
    store.applications.setStatus(a.id, { status: 'pending_approval', actor: 'c1' });
    expect(store.applications.list({}).map((s) => s.id)).toEqual([a.id, b.id]);
    expect(store.applications.list({ statuses: ['draft'] }).map((s) => s.entityNames)).toEqual([['乙']]);
    expect(store.applications.list({ createdBy: 'c1' }).map((s) => s.id)).toEqual([a.id]);
    expect(store.applications.list({ since: '2099-01-01T00:00:00Z' })).toEqual([]);
  });

  it.each([
    ['Chinese, partial (2 chars)', '街坊'],
    ['Chinese, partial (3+ chars)', '街坊會聯'],
    ['Portuguese, partial, no accents, other case', 'ASSOCIACAO DOS'],
    ['Portuguese, 2 chars', 'os'],
    ['registration number, other spelling', '12 345-so'],
    ['ID number with check digit in brackets', '1234567(8)'],
    ['ID number prefix', '123456'],
    ['application number', 'cd-20261123-0007'],
  ])('finds the application by %s', (_label, q) => {
    const d = store.applications.createDraft({
      kind: 'first_application',
      data: {},
      search: terms(['澳門街坊會聯合總會', 'Associação dos Moradores de Macau'], ['12345/SO'], ['1234567(8)']),
      actor: 'c',
    });
    store.applications.createDraft({ kind: 'first_application', data: {}, search: terms(['其他公司', 'Outra Lda'], ['999'], ['5550001']), actor: 'c' });
    store.applications.setStatus(d.id, { status: 'pending_approval', actor: 'c', applicationNumber: 'CD-20261123-0007' });
    expect(store.applications.search(q).map((s) => s.id)).toEqual([d.id]);
  });

  it('search with syntax characters does not throw', () => {
    expect(store.applications.search('"a" OR * %_\\')).toEqual([]);
  });

  it('reports health: encrypted, migrated, integrity ok', () => {
    expect(store.health()).toMatchObject({ encrypted: true, integrity: 'ok', userVersion: expect.any(Number) });
    expect(store.health().userVersion).toBeGreaterThanOrEqual(1);
    // Durability settings the crash-safety promise rests on.
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
