// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleFirstApplication } from '../../../../domain/rules/sample-applications';
import { useLocaleStore } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';

// The core's answers for one review and the queue behind it (see services/handlers/approval-api.test.ts).
const fake = vi.hoisted(() => ({ queue: [] as { id: string; handledByMe: boolean }[], decided: [] as unknown[] }));
const review = (id: string) => ({
  id,
  kind: 'first_application',
  status: 'pending_approval',
  applicationNumber: `SP01-W07-20261128-000${id.slice(-1)}-X`,
  data: sampleFirstApplication(),
  createdBy: 'staff:C1',
  createdByName: '陳文職 (C1)',
  createdAt: '2026-11-28T01:00:00.000Z',
  statusHistory: [],
  checklist: [],
  scans: [],
  handledByMe: false,
  allowedDecisions: ['approve', 'reject', 'return'],
});
vi.mock('../../state/session-api', () => ({
  sessionApi: {
    'approval.open': async ({ id }: { id: string }) => ({ ok: true, value: review(id) }),
    'approval.queue': async () => ({ ok: true, value: fake.queue }),
    'approval.decide': async (input: unknown) => {
      fake.decided.push(input);
      return { ok: true, value: { status: 'approved' } };
    },
  },
}));
vi.mock('../history/HistoryPanel', () => ({ HistoryPanel: () => null }));

const { ApprovalReview } = await import('./ApprovalReview');

beforeEach(() => {
  useLocaleStore.getState().setLocale('zh-Hant');
  useSessionStore.setState({
    status: {
      setupNeeded: false,
      user: { userId: 'u', staffNumber: 'S1', displayName: '黃主管', roles: ['supervisor'], servicePoints: ['SP01'], actor: 'staff:S1' },
    },
    refresh: async () => {},
  } as never);
});
afterEach(() => {
  cleanup();
  fake.queue = [];
  fake.decided = [];
});

async function openReview(id = 'app-1') {
  const onBack = vi.fn();
  const onOpen = vi.fn();
  render(<ApprovalReview id={id} onBack={onBack} onOpen={onOpen} />);
  await act(async () => {});
  return { onBack, onOpen };
}

describe('the review screen by keyboard (issue 13, item 12)', () => {
  it('Esc and Alt+2 go back to the queue; Esc inside the notes field does not', async () => {
    const { onBack } = await openReview();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(onBack).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: '2', altKey: true });
    expect(onBack).toHaveBeenCalledTimes(2);
    fireEvent.click(screen.getByLabelText(/退回/));
    const notes = screen.getByRole('textbox');
    notes.focus();
    fireEvent.keyDown(notes, { key: 'Escape' });
    expect(onBack).toHaveBeenCalledTimes(2);
  });

  it('after approving, focus is on the outcome (not <body>) and "next application" opens the oldest other one', async () => {
    fake.queue = [
      { id: 'app-1', handledByMe: false },
      { id: 'app-2', handledByMe: true },
      { id: 'app-3', handledByMe: false },
    ];
    const { onOpen } = await openReview('app-1');
    fireEvent.click(screen.getByLabelText('批准'));
    fireEvent.click(screen.getByRole('button', { name: '確認' }));
    await act(async () => {});
    expect(fake.decided).toEqual([{ id: 'app-1', decision: 'approve' }]);
    expect(document.activeElement?.textContent).toBe(screen.getAllByRole('status')[0]?.textContent);
    expect(document.activeElement).not.toBe(document.body);
    fireEvent.click(screen.getByRole('button', { name: '下一宗申請' }));
    await act(async () => {});
    // app-2 was taken in by this supervisor (four eyes): the next one is app-3.
    expect(onOpen).toHaveBeenCalledWith('app-3');
  });

  it('says so when no other application is waiting', async () => {
    fake.queue = [{ id: 'app-1', handledByMe: false }];
    const { onOpen } = await openReview('app-1');
    fireEvent.click(screen.getByLabelText('批准'));
    fireEvent.click(screen.getByRole('button', { name: '確認' }));
    await act(async () => {});
    fireEvent.click(screen.getByRole('button', { name: '下一宗申請' }));
    await act(async () => {});
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.getByText('沒有其他待審批的申請。')).toBeTruthy();
  });
});
