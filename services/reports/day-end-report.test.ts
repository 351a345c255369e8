import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcile } from '../../domain/reconciliation';
import { openTestStore, tempStoreDir } from '../store/test-support';
import type { Store } from '../store';
import { collectDayEnd, collectDayEndApplications, macauDayBounds, renderDayEndCsv, renderDayEndPdf, type DayEndApplication } from './index';
import { auditHeadLines, auditHeadStatement, signedAuditHead } from './audit-head';
import { signingKeyFromSeed, verifySignature } from '../sync/identity';

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
    const withList = renderDayEndCsv(
      report,
      'pt',
      collectDayEndApplications(store, '2026-11-23', () => 'SP1'),
    )
      .replace('\uFEFF', '')
      .trim()
      .split('\r\n');
    expect(withList.slice(3)).toEqual([
      '',
      'Pedidos do dia (4)',
      'N.º de pedido,Tipo de pedido,Nome da entidade,Estado,Recebido por,Decidido por',
      ',Primeiro pedido,會,Aprovado,C1,S1',
      ',Primeiro pedido,會,Não aprovado,C1,S1',
      ',Primeiro pedido,會,A aguardar aprovação,C1,',
      ',Primeiro pedido,會,Rascunho,C1,',
    ]);
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
      // Day first, as on the screens (issue 13 item 15).
      expect(text).toContain('23/11/2026');
      expect(text).toContain('23/11/2026 18:00');
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

  const pdfText = (pdf: Buffer, ...args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'dayend-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      return execFileSync('pdftotext', [...args, join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('lists the day’s applications with who took each in and who decided, named when the user is known', () => {
    store.db
      .prepare(`INSERT INTO users (id, staff_number, display_name, roles, created_at, updated_at) VALUES ('u1', 'S1', '陳主管', '["supervisor"]', 't', 't')`)
      .run();
    const apps = collectDayEndApplications(store, '2026-11-23', () => 'SP1');
    expect(apps.map((a) => [a.status, a.takenInBy, a.decidedBy])).toEqual([
      ['approved', 'C1', '陳主管 (S1)'],
      ['rejected', 'C1', '陳主管 (S1)'],
      ['pending_approval', 'C1', null],
      ['draft', 'C1', null],
    ]);
    expect(apps[0]).toMatchObject({ kind: 'first_application', entityName: '會', servicePoint: 'SP1', workstationId: 'W1' });
    expect(collectDayEndApplications(store, '2026-11-24', () => 'SP1')).toEqual([]);
  });

  it('PDF: the applications and the clerk’s and supervisor’s sign-off lines, in the report’s language', async () => {
    const report = reconcile(collectDayEnd(store, '2026-11-23', () => 'SP1'));
    const applications = collectDayEndApplications(store, '2026-11-23', () => 'SP1');
    const zh = pdfText(
      await renderDayEndPdf(report, { locale: 'zh-Hant', day: '2026-11-23', generatedAt: new Date('2026-11-23T10:00:00Z'), applications }),
      '-layout',
    );
    expect(zh).toContain('當日申請一覽（4 宗）');
    expect(zh).toMatch(/申請編號\s+申請類別\s+實體名稱\s+狀態\s+收件人員\s+審批人員/);
    expect(zh).toMatch(/1\s+（未編號）\s+首次申請\s+會\s+已批准\s+C1\s+S1/);
    expect(zh).toMatch(/4\s+（未編號）\s+首次申請\s+會\s+草稿\s+C1\s+—/);
    expect(zh).toMatch(/櫃台職員\s+主管/);
    expect(zh.match(/姓名：|姓名:/g)).toHaveLength(2);
    expect(zh.match(/簽名:/g)).toHaveLength(2);
    expect(zh.match(/日期:/g)).toHaveLength(2);
    expect(zh).toContain('第 1 頁，共 1 頁');
    const pt = pdfText(await renderDayEndPdf(report, { locale: 'pt', day: '2026-11-23', generatedAt: new Date('2026-11-23T10:00:00Z'), applications }));
    for (const s of ['Pedidos do dia (4)', 'Recebido por', 'Decidido por', 'Funcionário do balcão', 'Supervisor', 'Assinatura:', 'Aprovado'])
      expect(pt).toContain(s);
  });

  it('PDF: a long day runs over two pages, the list’s header repeated and every application printed once', async () => {
    const many: DayEndApplication[] = Array.from({ length: 30 }, (_, i) => ({
      workstationId: 'W1',
      servicePoint: 'SP1',
      applicationNumber: `W1A2-20261123-${String(i + 1).padStart(4, '0')}`,
      kind: 'change_of_data',
      entityName: `氹仔海濱文化協會 Associação Cultural ${i + 1}`,
      status: 'approved',
      takenInBy: '職員七 (C7)',
      decidedBy: '主管七 (S7)',
      createdAt: '2026-11-23T02:00:00.000Z',
    }));
    const report = reconcile(
      many.map((a) => ({ workstationId: a.workstationId, servicePoint: a.servicePoint, status: a.status, submitted: true, synced: true, reprints: 0 })),
    );
    const pdf = await renderDayEndPdf(report, { locale: 'en', day: '2026-11-23', generatedAt: new Date('2026-11-23T10:00:00Z'), applications: many });
    const pages = pdfText(pdf, '-layout')
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Page 1 of 2');
    expect(pages[1]).toContain('Page 2 of 2');
    expect(pages[1]).toContain('Applications of the day (30) (continued)');
    expect(pages[1]).toMatch(/Application no\.\s+Kind\s+Entity name/);
    const text = pages.join('\n');
    for (let i = 1; i <= 30; i++) expect(text.match(new RegExp(`W1A2-20261123-${String(i).padStart(4, '0')}`, 'g')), `application ${i}`).toHaveLength(1);
    // The sign-off block is whole on the last page.
    expect(pages[1]).toMatch(/Counter clerk\s+Supervisor/);
    expect(pages[1]!.match(/Signature:/g)).toHaveLength(2);
  });

  it('issue 12 item 12: CSV and PDF end with the audit chain head at generation, signed by the workstation key that the server knows', async () => {
    const seed = Buffer.alloc(32, 9);
    const key = signingKeyFromSeed(seed);
    const head = signedAuditHead(store, 'W1', key.sign);
    expect(head).toMatchObject({ workstationId: 'W1', seq: store.audit.head().seq, hash: store.audit.head().hash });
    expect(verifySignature(key.publicKey, auditHeadStatement(head), head.signature ?? '')).toBe(true);
    // The signature is over this head only: another head (a rewritten chain) does not verify with it.
    expect(verifySignature(key.publicKey, auditHeadStatement({ ...head, seq: head.seq - 1 }), head.signature ?? '')).toBe(false);
    const lines = auditHeadLines('en', head);
    const report = reconcile(collectDayEnd(store, '2026-11-23', () => 'SP1'));
    const csv = renderDayEndCsv(report, 'en', undefined, lines);
    expect(csv).toContain(`Audit chain head: entry ${head.seq} ${head.hash}`);
    expect(csv).toContain(`Signed by this workstation: ${head.signature}`);
    const pdf = await renderDayEndPdf(report, { locale: 'en', day: '2026-11-23', generatedAt: new Date('2026-11-23T10:00:00Z'), auditLines: lines });
    const dir = mkdtempSync(join(tmpdir(), 'dayend-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-raw', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain(head.hash);
      expect(text).toContain(head.signature);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Not enrolled: the head is printed, said to be unsigned.
    expect(auditHeadLines('zh-Hant', signedAuditHead(store, 'W1', null))[1]).toBe('本工作站尚未登記，稽核鏈頂端未經簽署');
  });
});
