// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../../api/contracts/history-contract';
import { useLocaleStore } from '../../i18n/locale-store';
import { HistoryPanel, type LoadHistory } from './HistoryPanel';

// What a clerk or supervisor reads when they open an application's history: when (Macau time,
// in the UI language), who, at which workstation, and what, never a raw code or JSON.

afterEach(() => {
  cleanup();
  useLocaleStore.getState().setLocale('zh-Hant');
});

const entry = (e: Partial<HistoryEntry> & Pick<HistoryEntry, 'action'>): HistoryEntry => ({
  at: '2026-11-23T01:05:00.000Z',
  actor: 'staff:C1',
  actorName: '陳小華 (C1)',
  workstationId: 'W07',
  count: 1,
  ...e,
});

const ENTRIES: HistoryEntry[] = [
  entry({ action: 'create', summary: { key: 'kind.first_application' } }),
  entry({ action: 'edit', count: 12, at: '2026-11-23T01:20:00.000Z' }),
  entry({ action: 'attach', summary: { key: 'history.summary.attach', params: { doc: 'receipt.doc.legal_rep_id', page: 2 } } }),
  entry({ action: 'reject', actor: 'staff:S1', actorName: '李主管 (S1)', summary: { key: 'approval.reason.documents_missing' } }),
  entry({ action: 'something_new' }),
];

async function open(load: LoadHistory, name = '歷史記錄') {
  render(<HistoryPanel applicationId="a1" load={load} />);
  const button = screen.getByRole('button', { name });
  expect(button.getAttribute('aria-expanded')).toBe('false');
  await act(async () => {
    fireEvent.click(button);
  });
  return button;
}

const rows = (caption = '申請的歷史記錄') =>
  within(screen.getByRole('table', { name: caption }))
    .getAllByRole('row')
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );

describe('HistoryPanel', () => {
  it('loads only when opened, then lists when, who, where and what in Traditional Chinese and Macau time', async () => {
    const load = vi.fn<LoadHistory>(async () => ({ ok: true, value: { entries: ENTRIES } }));
    render(<HistoryPanel applicationId="a1" load={load} />);
    expect(load).not.toHaveBeenCalled();
    cleanup();
    const button = await open(load);
    expect(load).toHaveBeenCalledWith('a1');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.textContent).toBe('隱藏歷史記錄');
    const r = rows();
    expect(r.map((c) => c.slice(1))).toEqual([
      ['陳小華 (C1)', 'W07', '建立 · 首次申請'],
      ['陳小華 (C1)', 'W07', '編輯 · 共儲存 12 次'],
      ['陳小華 (C1)', 'W07', '附加掃描檔 · 合法代表身份證明文件，第 2 頁'],
      ['李主管 (S1)', 'W07', '不批准 · 欠缺所需文件'],
      ['陳小華 (C1)', 'W07', '其他操作（something_new）'],
    ]);
    // 01:20 UTC is 09:20 in Macau, whatever the machine's time zone.
    expect(r[1]?.[0]).toContain('09:20');
    expect(r[1]?.[0]).toContain('2026');
  });

  it('while open, loads again when the form changes (a save or a decision), and not while closed', async () => {
    let calls = 0;
    const load = vi.fn<LoadHistory>(async () => ({ ok: true, value: { entries: ENTRIES.slice(0, ++calls) } }));
    const { rerender } = render(<HistoryPanel applicationId="a1" version={1} load={load} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '歷史記錄' }));
    });
    expect(rows()).toHaveLength(1);
    await act(async () => {
      rerender(<HistoryPanel applicationId="a1" version={2} load={load} />);
    });
    expect(rows()).toHaveLength(2);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '隱藏歷史記錄' }));
      rerender(<HistoryPanel applicationId="a1" version={3} load={load} />);
    });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('follows the UI language', async () => {
    useLocaleStore.getState().setLocale('pt');
    await open(async () => ({ ok: true, value: { entries: ENTRIES.slice(0, 3) } }), 'Histórico');
    expect(rows('Histórico do pedido').map((c) => c[3])).toEqual([
      'Criado · Primeiro pedido',
      'Editado · 12 gravações',
      'Digitalização anexada · Documento de identificação do representante legal, página 2',
    ]);
    expect(screen.getByRole('button', { name: 'Ocultar histórico' })).toBeTruthy();
  });

  it('shows a refusal in the clerk’s language, and an empty history as such', async () => {
    await open(async () => ({ ok: false, error: { code: 'not_found', message: 'No such application', messageKey: 'api.error.notFound' } }));
    expect(screen.getByRole('alert').textContent).toBe('找不到該申請。');
    expect(screen.queryByRole('table')).toBeNull();
    cleanup();
    await open(async () => ({ ok: true, value: { entries: [] } }));
    expect(screen.getByText('尚無任何記錄。')).toBeTruthy();
  });

  it('closes again from the keyboard-reachable button, and is accessible open', async () => {
    const button = await open(async () => ({ ok: true, value: { entries: ENTRIES } }));
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await act(async () => {
      fireEvent.click(button);
    });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByRole('button', { name: '歷史記錄' }).getAttribute('aria-expanded')).toBe('false');
  });
});
