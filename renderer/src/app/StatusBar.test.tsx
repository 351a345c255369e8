// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../../i18n';
import { useAppStore } from '../state/app-store';

// Issue 13, item 16: the status bar tells the truth when the core stops answering.
const calls = vi.hoisted(() => ({ status: vi.fn() }));
vi.mock('../api/transport', () => ({ api: { 'sync.status': calls.status } }));
const { StatusBar } = await import('./StatusBar');

const notConfigured = {
  state: 'not_configured',
  server: null,
  workstationId: null,
  waiting: 0,
  waitingBytes: 0,
  bytesLeft: 0,
  upload: null,
  refused: 0,
  conflicts: 0,
  lastSentAt: null,
  lastPulledAt: null,
  lastError: null,
  nextRetryAt: null,
};
const info = {
  version: 't',
  transport: 'http' as const,
  servicePoint: { code: 'SP01', nameZh: '測試', namePt: 'Teste' },
  workstationId: 'W07',
  database: { state: 'ok' as const, userVersion: 10, encrypted: true },
  sync: { state: 'not_configured' as const, pending: 0 },
};

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the status bar', () => {
  it('says the database is fine while the core answers, and that the core does not answer once it stops', async () => {
    vi.useFakeTimers();
    useAppStore.setState({ info, infoError: null } as never);
    calls.status.mockResolvedValue({ ok: true, value: notConfigured });
    render(<StatusBar />);
    await act(async () => {});
    expect(screen.getByTestId('status-db').textContent).toContain(translate('zh-Hant', 'status.db.okEncrypted'));
    calls.status.mockResolvedValue({ ok: false, error: { code: 'unavailable', message: 'down', messageKey: 'api.error.unavailable' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3_500);
    });
    expect(screen.getByTestId('status-db').textContent).toContain(translate('zh-Hant', 'api.error.unavailable'));
    expect(screen.getByTestId('status-db').textContent).not.toContain(translate('zh-Hant', 'status.db.okEncrypted'));
    calls.status.mockResolvedValue({ ok: true, value: notConfigured });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3_500);
    });
    expect(screen.getByTestId('status-db').textContent).toContain(translate('zh-Hant', 'status.db.okEncrypted'));
  });
});
