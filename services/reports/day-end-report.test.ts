import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcile } from '../../domain/reconciliation';
import { openTestStore, tempStoreDir } from '../store/test-support';
import type { Store } from '../store';
import { collectDayEnd, macauDayBounds, renderDayEndCsv, renderDayEndPdf } from './index';

describe('day-end report', () => {
  let store: Store;
  let cleanup: () => void;
  beforeEach(() => {
    const t = tempStoreDir();
    // 2026-11-23 09:00 UTC = 17:00 in Macau: the same Macau day.
    store = openTestStore(t.dir, t.key, { workstationId: 'W1' });
    cleanup = () => {
      store.close();
      t.cleanup();
    };
    const mk = (status: 'approved' | 'rejected' | 'pending_approval' | null) => {
      const r = store.applications.createDraft({
        kind: 'first_application',
        data: {},
        search: { entityNames: ['會'], registrationNumbers: [], idNumbers: [] },
        actor: 'staff:C1',
      });
      if (status) store.applications.setStatus(r.id, { status: 'pending_approval', actor: 'staff:C1' });
      if (status && status !== 'pending_approval')
        store.applications.setStatus(r.id, { status, actor: 'staff:S1', ...(status === 'rejected' ? { reason: '[other]' } : {}) });
      return r.id;
    };
    const a = mk('approved');
    mk('rejected');
    mk('pending_approval');
    mk(null);
    store.applications.markAcknowledged(a);
    store.audit.append({ actor: 'staff:C1', action: 'reprint', subjectId: a });
  });
  afterEach(() => cleanup());

  it('Macau days are UTC+8', () => {
    expect(macauDayBounds('2026-11-23')).toEqual({ from: '2026-11-22T16:00:00.000Z', to: '2026-11-23T16:00:00.000Z' });
    expect(() => macauDayBounds('23/11/2026')).toThrow(RangeError);
    expect(() => macauDayBounds('2026-02-31')).toThrow(RangeError);
  });

  it('collects the day’s applications from the store and reconciles them', () => {
    const report = reconcile(collectDayEnd(store, '2026-11-23', () => 'SP1'));
    expect(report.totals).toMatchObject({ received: 4, submitted: 3, approved: 1, rejected: 1, pending: 1, drafts: 1, synced: 1, notSynced: 2, reprints: 1 });
    expect(report.groups[0]?.differences.map((d) => d.check)).toEqual(['received_equals_submitted', 'all_synced']);
    expect(reconcile(collectDayEnd(store, '2026-11-24', () => 'SP1')).groups).toEqual([]);
  });

  it('counts a reprint on the day it was made, not on its application’s day (a lost receipt reprinted later)', () => {
    const t = tempStoreDir();
    let now = new Date('2026-11-22T02:00:00Z'); // 10:00 in Macau on the 22nd
    const s2 = openTestStore(t.dir, t.key, { workstationId: 'W2', clock: () => now });
    try {
      const id = s2.applications.createDraft({
        kind: 'first_application',
        data: {},
        search: { entityNames: ['會'], registrationNumbers: [], idNumbers: [] },
        actor: 'staff:C1',
      }).id;
      now = new Date('2026-11-23T03:00:00Z'); // the next day
      s2.audit.append({ actor: 'staff:C1', action: 'reprint', subjectId: id });
      const day22 = reconcile(collectDayEnd(s2, '2026-11-22', () => 'SP1'));
      const day23 = reconcile(collectDayEnd(s2, '2026-11-23', () => 'SP1'));
      expect(day22.totals).toMatchObject({ recorded: 1, reprints: 0 });
      expect(day23.totals).toMatchObject({ recorded: 0, reprints: 1 });
      expect(day23.groups).toMatchObject([{ workstationId: 'W2', differences: [] }]);
      expect(day23.balanced).toBe(true);
    } finally {
      s2.close();
      t.cleanup();
    }
  });

  it('CSV: BOM, localised header, one row per workstation plus total, differences spelled out, no formulas', () => {
    const report = reconcile(collectDayEnd(store, '2026-11-23', () => 'SP1'));
    const csv = renderDayEndCsv(report, 'zh-Hant');
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toContain('收到表格');
    // synced + not synced = submitted (3): the draft counts in neither.
    expect(lines[1]).toMatch(/^SP1,W1,4,4,1,3,1,1,0,1,1,2,1,/);
    expect(lines[1]).toContain('收到表格 = 已遞交');
    expect(lines[2]).toMatch(/^合計,/);
    expect(
      renderDayEndCsv(reconcile([{ workstationId: '=cmd()', servicePoint: 'SP1', status: 'approved', submitted: true, synced: true, reprints: 0 }]), 'en'),
    ).toContain("'=cmd()");
  });

  it('PDF: the figures and the highlighted differences can be read back', async () => {
    const report = reconcile(collectDayEnd(store, '2026-11-23', () => 'SP1'));
    const pdf = await renderDayEndPdf(report, { locale: 'zh-Hant', day: '2026-11-23', generatedAt: new Date('2026-11-23T10:00:00Z') });
    const dir = mkdtempSync(join(tmpdir(), 'dayend-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('日終對帳報告');
      expect(text).toContain('2026-11-23 18:00');
      expect(text).toMatch(/! 差異：收到表格 = 已遞交（4 對 3，相差 \+1）/);
      expect(text).not.toContain('全部相符');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PDF of a balanced day says so', async () => {
    const pdf = await renderDayEndPdf(
      reconcile([{ workstationId: 'W1', servicePoint: 'SP1', status: 'approved', submitted: true, synced: true, reprints: 0 }]),
      {
        locale: 'pt',
        day: '2026-11-23',
        generatedAt: new Date('2026-11-23T10:00:00Z'),
      },
    );
    const dir = mkdtempSync(join(tmpdir(), 'dayend-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      expect(execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })).toContain('Tudo confere.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
