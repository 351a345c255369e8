// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';

vi.mock('../../state/session-api', () => ({
  sessionApi: {
    'approval.queue': async () => ({
      ok: true,
      value: [
        {
          id: 'a1',
          applicationNumber: 'SP01-W07-20261128-0001-X',
          kind: 'change_of_data',
          entityNames: ['示例貿易有限公司'],
          submittedAt: '2026-11-28T01:00:00.000Z',
          submittedBy: 'staff:C1',
          submittedByName: '陳文職 (C1)',
          ageMinutes: 75,
          handledByMe: false,
          resubmitted: false,
        },
      ],
    }),
  },
}));

const { ApprovalQueue } = await import('./ApprovalQueue');

beforeEach(() => {
  useSessionStore.setState({
    status: {
      setupNeeded: false,
      user: { userId: 'u', staffNumber: 'S1', displayName: '黃主管', roles: ['supervisor'], servicePoints: ['SP01'], actor: 'staff:S1' },
    },
  } as never);
});
afterEach(cleanup);

describe('the approval queue (issue 13, item 12)', () => {
  it.each([
    ['zh-Hant', ['已等候', '申請', '申請類別', '遞交人'], '更改資料'],
    ['pt', ['À espera há', 'Pedido', 'Tipo de pedido', 'Entregue por'], 'Alteração de dados'],
    ['en', ['Waiting for', 'Application', 'Kind', 'Submitted by'], 'Change of data'],
  ] as const)('in %s, the column headings say what they hold and each row shows the application kind', async (locale, headings, kind) => {
    useLocaleStore.getState().setLocale(locale);
    render(<ApprovalQueue onOpen={() => {}} />);
    await act(async () => {});
    const shown = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(shown).toEqual(expect.arrayContaining([...headings]));
    expect(screen.getByRole('row', { name: /SP01-W07-20261128-0001-X/ }).textContent).toContain(kind);
  });
});
