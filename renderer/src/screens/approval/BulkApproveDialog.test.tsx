// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';

// What the core answered to the bulk approval (see services/handlers/approval-api.test.ts).
const fake = vi.hoisted(() => ({
  calls: [] as unknown[],
  refused: [] as { id: string; code: string; messageKey?: string; params?: Record<string, string | number> }[],
}));
vi.mock('../../state/session-api', () => ({
  sessionApi: {
    'approval.bulkApprove': async (input: { ids: string[]; password: string }) => {
      fake.calls.push(input);
      const refusedIds = new Set(fake.refused.map((r) => r.id));
      return { ok: true, value: { approved: input.ids.filter((id) => !refusedIds.has(id)), refused: fake.refused } };
    },
  },
}));

const { BulkApproveDialog } = await import('./BulkApproveDialog');

const ids = ['a1', 'a2', 'a3'];
const labels = { a1: '甲會', a2: '乙會', a3: '丙會' };

async function approveAll(passwordLabel: string, submit: string) {
  render(<BulkApproveDialog ids={ids} labels={labels} onClose={() => {}} />);
  fireEvent.change(screen.getByLabelText(passwordLabel), { target: { value: 'pw-S1' } });
  fireEvent.click(screen.getByRole('button', { name: submit }));
  await act(async () => {});
}

beforeEach(() => useLocaleStore.getState().setLocale('zh-Hant'));
afterEach(() => {
  cleanup();
  fake.calls = [];
  fake.refused = [];
});

describe('bulk approval dialog', () => {
  it('a wrong-state refusal names the status the application is in, in the supervisor’s language', async () => {
    fake.refused = [
      { id: 'a2', code: 'conflict', messageKey: 'approval.error.wrongState', params: { status: 'rejected' } },
      { id: 'a3', code: 'refused', messageKey: 'approval.error.notReviewed' },
    ];
    await approveAll('密碼', '批准所選申請');
    expect(fake.calls).toEqual([{ ids, password: 'pw-S1' }]);
    expect(screen.getByRole('status').textContent).toBe('已批准 1 份，2 份未能批准。');
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['乙會：此申請目前的狀態（不批准）不能進行此操作。', expect.stringMatching(/^丙會：你尚未打開審閱此申請/)]);
  });

  it('in Portuguese the status is Portuguese too', async () => {
    useLocaleStore.getState().setLocale('pt');
    fake.refused = [{ id: 'a1', code: 'conflict', messageKey: 'approval.error.wrongState', params: { status: 'approved' } }];
    await approveAll('Senha', 'Aprovar os seleccionados');
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['甲會: O estado atual do pedido (Aprovado) não permite esta ação.']);
  });
});
