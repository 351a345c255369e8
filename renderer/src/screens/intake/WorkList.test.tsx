// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The work list's "updated" column against a fake core: the same day-first Macau date and time
// as the review, the receipt and the day-end report (issue 13 item 15), never the machine's
// locale form ("下午7:05", "7:05 PM").
vi.mock('../../api/transport', () => ({
  api: {
    'intake.list': async () => ({
      ok: true,
      value: [
        {
          id: 'a1',
          kind: 'first_application',
          status: 'pending_approval',
          applicationNumber: 'SP01-W03-20261123-0042-K',
          entityNames: ['澳門示例貿易有限公司'],
          createdAt: '2026-11-23T01:00:00Z',
          updatedAt: '2026-11-23T11:05:00Z',
          synced: false,
        },
      ],
    }),
    // The security-code visits of the day (TodayEnablements, beside the list): none here.
    'enablements.today': async () => ({ ok: true, value: { records: [] } }),
    // FAQ 8 across counters: the central system refused a1, naming the other application.
    'sync.details': async () => ({
      ok: true,
      value: {
        waiting: [],
        conflicts: [],
        refused: [
          {
            kind: 'application.submit',
            applicationId: 'a1',
            applicationNumber: 'SP01-W03-20261123-0042-K',
            entityName: '澳門示例貿易有限公司',
            since: '2026-11-23T11:05:00Z',
            attempts: 1,
            bytes: 0,
            reason: { messageKey: 'sync.rejected.faq8_duplicate', params: { applicationNumber: 'SP01-W05-20261123-0007-K' } },
          },
        ],
      },
    }),
  },
}));

const { WorkList } = await import('./WorkList');
const { useLocaleStore } = await import('../../i18n/locale-store');

afterEach(() => {
  cleanup();
  act(() => useLocaleStore.getState().setLocale('zh-Hant'));
});

describe('work list', () => {
  it.each(['zh-Hant', 'pt', 'en'] as const)('%s: the updated time is day first, 24-hour, Macau time', async (locale) => {
    act(() => useLocaleStore.getState().setLocale(locale));
    render(<WorkList />);
    const row = (await screen.findByText('澳門示例貿易有限公司')).closest('tr')!;
    const cells = row.querySelectorAll('td');
    expect(cells[cells.length - 1]!.textContent).toBe('23/11/2026 19:05');
  });

  it.each([
    ['zh-Hant', '中央系統不接受'],
    ['pt', 'Recusado pelo sistema central'],
    ['en', 'Refused by the central system'],
  ] as const)('%s: an application the central system refused says why, with the other application’s number', async (locale, words) => {
    act(() => useLocaleStore.getState().setLocale(locale));
    render(<WorkList />);
    const issue = await screen.findByTestId('worklist-sync-issue');
    expect(issue.textContent).toContain(words);
    expect(issue.textContent).toContain('SP01-W05-20261123-0007-K');
    expect(issue.closest('tr')?.textContent).toContain('澳門示例貿易有限公司');
  });
});
