// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocaleStore } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';
import { translate } from '../../../../i18n';

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

// What the central system refused: a1's submission (FAQ 8 across counters) and this
// supervisor's decision on an application another supervisor had already approved.
vi.mock('../../api/transport', () => ({
  api: {
    'sync.details': async () => ({
      ok: true,
      value: {
        waiting: [],
        refused: [
          {
            kind: 'application.submit',
            applicationId: 'a1',
            applicationNumber: 'SP01-W07-20261128-0001-X',
            entityName: '示例貿易有限公司',
            since: '2026-11-28T01:00:00.000Z',
            attempts: 1,
            bytes: 0,
            reason: { messageKey: 'sync.rejected.faq8_duplicate', params: { applicationNumber: 'SP01-W02-20261128-0003-M' } },
          },
        ],
        conflicts: [
          {
            kind: 'application.decide',
            applicationId: 'b2',
            applicationNumber: 'SP01-W02-20261128-0009-Q',
            entityName: '另一貿易有限公司',
            since: '2026-11-28T02:00:00.000Z',
            attempts: 1,
            bytes: 0,
            reason: { messageKey: 'sync.conflict.current', params: { status: 'approved', version: 2 } },
          },
        ],
      },
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

  it.each([
    ['zh-Hant', '中央系統不接受', '你的決定未被中央系統採用'],
    ['pt', 'Recusado pelo sistema central', 'Decisões suas que o sistema central não aplicou'],
    ['en', 'Refused by the central system', 'Your decisions the central system did not apply'],
  ] as const)(
    'in %s, a submission the central system refused is marked with the other number, and a decision it did not apply is listed with the status in words',
    async (locale, refused, notApplied) => {
      useLocaleStore.getState().setLocale(locale);
      render(<ApprovalQueue onOpen={() => {}} />);
      const badge = await screen.findByTestId('queue-sync-refused');
      expect(badge.textContent).toContain(refused);
      expect(badge.textContent).toContain('SP01-W02-20261128-0003-M');
      const section = screen.getByTestId('decisions-not-applied');
      expect(section.textContent).toContain(notApplied);
      expect(section.textContent).toContain('SP01-W02-20261128-0009-Q');
      // The central system's current state in the supervisor's words, never its code.
      expect(section.textContent).toContain(translate(locale, 'status.app.approved'));
      expect(section.textContent).not.toMatch(/\bapproved\b/);
    },
  );
});
