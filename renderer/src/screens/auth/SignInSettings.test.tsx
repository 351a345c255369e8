// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ calls: [] as { key: string; value: number }[] }));
const initial = {
  maxFailures: 5,
  lockoutMinutes: 15,
  idleMinutes: 5,
  elevationMinutes: 5,
  enrolmentKeyConfigured: true,
  enrolmentKey: null,
  machineConfig: { path: '/etc/counterdesk/machine.json', state: 'ok' as const },
  managedCentrally: false,
};
vi.mock('../../state/session-api', () => ({
  sessionApi: {
    'auth.setSetting': async ({ key, value }: { key: string; value: number }) => {
      fake.calls.push({ key, value });
      return { ok: true, value: { ...initial, [key.replace('auth.', '')]: value } };
    },
    'auth.status': async () => ({
      ok: true,
      value: {
        setupNeeded: false,
        user: null,
        locked: false,
        idleMinutes: 5,
        elevation: null,
        workstationId: 'W1',
        servicePoint: 'SP1',
        setupCodeSource: 'machine_config',
      },
    }),
  },
}));

const { SignInSettings } = await import('./SignInSettings');

afterEach(() => {
  cleanup();
  fake.calls = [];
});

async function show() {
  const onSaved = vi.fn();
  render(<SignInSettings settings={initial} onSaved={onSaved} />);
  await act(async () => {});
  return onSaved;
}
const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('sign-in settings (administrator)', () => {
  it('shows the current values and saves only what changed', async () => {
    const onSaved = await show();
    expect(field('閒置多少分鐘後鎖定螢幕').value).toBe('5');
    expect(field('連續登入失敗多少次後鎖定帳戶').value).toBe('5');
    fireEvent.change(field('閒置多少分鐘後鎖定螢幕'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: '儲存登入設定' }));
    await act(async () => {});
    expect(fake.calls).toEqual([{ key: 'auth.idleMinutes', value: 10 }]);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ idleMinutes: 10 }));
    expect(screen.getByRole('status').textContent).toBe('已儲存登入設定。');
  });

  it.each([
    ['more than 20 failures', '連續登入失敗多少次後鎖定帳戶', '21', '請輸入 1 至 20 的整數。'],
    ['zero minutes', '閒置多少分鐘後鎖定螢幕', '0', '請輸入 1 至 240 的整數。'],
    ['not a number', '帳戶鎖定時間（分鐘）', '十五', '請輸入 1 至 240 的整數。'],
  ])('refuses %s with the allowed range, and saves nothing', async (_name, label, value, message) => {
    await show();
    fireEvent.change(field(label), { target: { value } });
    fireEvent.blur(field(label));
    expect(screen.getByText(message)).toBeTruthy();
    expect(field(label).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('button', { name: '儲存登入設定' }).hasAttribute('disabled')).toBe(true);
    expect(fake.calls).toEqual([]);
  });
});
