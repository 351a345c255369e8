// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../../i18n';
import { useLocaleStore } from '../i18n/locale-store';

// What the clerk reads about sync (issue 15): saved here / N waiting with MB left / all sent at
// HH:MM Macau time / the last error and when it retries; the details list refusals in words.

const calls = vi.hoisted(() => ({ details: vi.fn(), retryNow: vi.fn(), status: vi.fn() }));
vi.mock('../api/transport', () => ({
  api: { 'sync.details': calls.details, 'sync.retryNow': calls.retryNow, 'sync.status': calls.status },
}));
const { SyncDetails, syncLine } = await import('./SyncDetails');

afterEach(() => {
  cleanup();
  useLocaleStore.getState().setLocale('zh-Hant');
});

const base = {
  state: 'online' as const,
  server: 'https://central.example',
  workstationId: 'SP01-W1',
  waiting: 0,
  bytesLeft: 0,
  upload: null,
  refused: 0,
  conflicts: 0,
  lastSentAt: null,
  lastError: null,
  nextRetryAt: null,
};
const t = (locale: 'zh-Hant' | 'en' | 'pt') => (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate(locale, k, p);

describe('the sync line', () => {
  it('says "saved here" before the workstation is connected', () => {
    expect(syncLine({ ...base, state: 'not_configured' }, t('zh-Hant'), 'zh-Hant').join(' · ')).toBe('未設定 · 資料只儲存在本機');
  });

  it('counts what waits with the megabytes left, and the last error with its retry time in Macau time', () => {
    const line = syncLine(
      {
        ...base,
        state: 'offline',
        waiting: 3,
        bytesLeft: 5 * 1024 * 1024,
        lastError: { code: 'network', messageKey: 'sync.status.error.network', at: '2026-11-23T01:20:00.000Z' },
        nextRetryAt: '2026-11-23T01:21:30.000Z',
      },
      t('en'),
      'en',
    );
    expect(line).toEqual([
      'Saved here; 3 waiting to send (5.0 MB left)',
      'Last error (09:20): Cannot reach the central system (network down or server not answering)',
      'retrying at 09:21',
    ]);
  });

  it('a small scan still waiting never reads as 0.0 MB left, and upload progress never overstates what was sent', () => {
    const line = syncLine(
      { ...base, state: 'syncing', waiting: 1, bytesLeft: 30_000, upload: { offset: 1_040_000, size: 2_100_000 } },
      t('zh-Hant'),
      'zh-Hant',
    );
    expect(line[0]).toBe('已儲存在本機，1 項等待傳送（尚餘 0.1 MB）');
    expect(line[1]).toBe('正在上載掃描：0.9 / 2.0 MB');
  });

  // Issue 15 on a deployment that requires people's server sessions (docs/sync-protocol.md §4.1).
  const needsSession = {
    ...base,
    state: 'attention' as const,
    waiting: 1,
    lastError: {
      code: 'needs_session',
      messageKey: 'sync.status.error.needsSession' as const,
      params: { staffNumber: 'C0101' },
      at: '2026-11-23T01:20:00.000Z',
    },
  };

  it('says whose sign-in waiting work needs, as a wait and not an error, to whoever is at the counter', () => {
    for (const who of [null, 'S0201']) {
      const line = syncLine(needsSession, t('zh-Hant'), 'zh-Hant', who);
      expect(line).toEqual(['已儲存在本機，1 項等待傳送', translate('zh-Hant', 'sync.status.error.needsSession', { staffNumber: 'C0101' })]);
      expect(line.join(' · ')).not.toContain('上次錯誤');
    }
  });

  it('tells the person it waits for, already signed in here, that it is sent once the server confirms them: not to sign in again', () => {
    expect(syncLine(needsSession, t('en'), 'en', 'C0101')).toEqual([
      'Saved here; 1 waiting to send',
      'Confirming your sign-in with the central system; your work is sent right after, no need to sign in again',
    ]);
  });

  it('says when everything was sent', () => {
    expect(syncLine({ ...base, lastSentAt: '2026-11-23T08:05:00.000Z' }, t('pt'), 'pt')).toEqual(['Tudo enviado às 16:05']);
  });
});

describe('the details panel', () => {
  it('lists a refused decision with the server’s reason in the clerk’s language, and retries on request', async () => {
    calls.details.mockResolvedValue({
      ok: true,
      value: {
        waiting: [],
        refused: [
          {
            kind: 'application.decide',
            applicationId: 'a1',
            applicationNumber: 'SP01-W1-20261123-0001-K',
            entityName: '澳門街坊會',
            since: '2026-11-23T01:05:00.000Z',
            attempts: 1,
            bytes: 0,
            reason: { messageKey: 'sync.rejected.four_eyes' },
          },
        ],
        conflicts: [
          {
            kind: 'application.decide',
            applicationId: 'a2',
            applicationNumber: null,
            entityName: null,
            since: '2026-11-23T01:06:00.000Z',
            attempts: 1,
            bytes: 0,
            reason: { messageKey: 'sync.conflict.current', params: { status: 'rejected', version: 3 } },
          },
        ],
      },
    });
    calls.retryNow.mockResolvedValue({ ok: true, value: base });
    const onStatus = vi.fn();
    await act(async () => {
      render(<SyncDetails onClose={() => {}} onStatus={onStatus} />);
    });
    const refused = screen.getByRole('table', { name: '中央系統不接受' });
    expect(within(refused).getByText('審批人不能是受理或修改此申請的人（四眼原則）')).toBeTruthy();
    expect(within(refused).getByText('SP01-W1-20261123-0001-K')).toBeTruthy();
    const conflicts = screen.getByRole('table', { name: '與中央系統不一致' });
    expect(within(conflicts).getByText('中央系統的記錄已是「不批准」（第 3 版），此項沒有套用。')).toBeTruthy();
    expect(screen.getByText('沒有')).toBeTruthy(); // nothing waiting
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '立即重試' }));
    });
    expect(calls.retryNow).toHaveBeenCalledTimes(1);
    expect(onStatus).toHaveBeenCalledWith(base);
    const result = await axe.run(document.body, { rules: { region: { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
