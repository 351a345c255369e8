// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EnablementRecord } from '../../../../api/contracts/security-code-contract';
import { translate } from '../../../../i18n';
import { ENABLEMENT_REFRESH_MS } from './use-poll-while';

// Issue 16 item 2: the work list shows each enablement's state and, while one is queued, asks
// again, so the central server's answer appears without the clerk reloading anything.
const calls = vi.hoisted(() => ({ today: vi.fn() }));
vi.mock('../../api/transport', () => ({ api: { 'enablements.today': calls.today } }));
const { TodayEnablements } = await import('./TodayEnablements');

const record = (id: string, state: EnablementRecord['state'], over: Partial<EnablementRecord> = {}): EnablementRecord => ({
  id,
  tool: 'security_code',
  visitId: 'v1',
  entityNumber: '500123',
  staffLoginId: `login.${id}`,
  idType: 'hk_id',
  idNumberMasked: '****56(3)',
  state,
  createdAt: '2026-11-23T03:00:00.000Z',
  createdBy: 'staff:C1',
  receiptLine: { messageKey: `eid.receipt.security_code.${state}`, params: { entityNumber: '500123', loginId: `login.${id}` } },
  ...over,
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  calls.today.mockReset();
});

describe('today’s enablements on the work list', () => {
  it('turns a queued line into confirmed or refused (with the server’s reason) when the answer arrives, then stops asking', async () => {
    vi.useFakeTimers();
    calls.today.mockResolvedValue({ ok: true, value: { records: [record('a', 'queued'), record('b', 'queued')] } });
    render(<TodayEnablements />);
    await act(async () => {});
    const states = () => screen.getAllByRole('listitem').map((li) => li.getAttribute('data-state'));
    expect(states()).toEqual(['queued', 'queued']);
    expect(screen.getAllByRole('listitem')[0]!.textContent).toContain(translate('zh-Hant', 'scui.state.queued'));

    calls.today.mockResolvedValue({
      ok: true,
      value: { records: [record('a', 'confirmed'), record('b', 'refused', { refusal: { messageKey: 'sc.check.already_on' } })] },
    });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ENABLEMENT_REFRESH_MS);
    });
    expect(states()).toEqual(['confirmed', 'refused']);
    const refused = screen.getAllByRole('listitem')[1]!.textContent;
    expect(refused).toContain(translate('zh-Hant', 'scui.state.refused'));
    expect(refused).toContain(translate('zh-Hant', 'sc.check.already_on'));

    const asked = calls.today.mock.calls.length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ENABLEMENT_REFRESH_MS * 5);
    });
    expect(calls.today.mock.calls.length).toBe(asked);
  });

  it('shows nothing on a day without enablements', async () => {
    calls.today.mockResolvedValue({ ok: true, value: { records: [] } });
    const { container } = render(<TodayEnablements />);
    await act(async () => {});
    expect(container.textContent).toBe('');
  });
});
