// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuthStatus } from '../../state/session-store';

const clerk = { userId: 'u1', staffNumber: 'C1', displayName: '陳文', roles: ['clerk' as const], servicePoints: ['SP1'], actor: 'staff:C1' };
const other = { ...clerk, userId: 'u2', staffNumber: 'C2', displayName: '李明', actor: 'staff:C2' };
const fake = vi.hoisted(() => ({ status: null as unknown, unlockPassword: 'right' }));

vi.mock('../../state/session-api', () => ({
  sessionApi: {
    'auth.status': async () => ({ ok: true, value: fake.status }),
    'auth.lock': async () => {
      (fake.status as AuthStatus).locked = true;
      return { ok: true, value: fake.status };
    },
    'auth.unlock': async ({ password }: { password: string }) => {
      if (password !== fake.unlockPassword)
        return { ok: false, error: { code: 'unauthorised', message: 'x', messageKey: 'auth.error.invalidCredentials', params: { remaining: 4 } } };
      (fake.status as AuthStatus).locked = false;
      return { ok: true, value: clerk };
    },
    'auth.touch': async () => ({ ok: true, value: { locked: false } }),
  },
}));

const { SessionGate } = await import('./SessionGate');
const { useSessionStore } = await import('../../state/session-store');

const status = (over: Partial<AuthStatus>): AuthStatus => ({
  setupNeeded: false,
  user: clerk,
  locked: false,
  idleMinutes: 5,
  elevation: null,
  workstationId: 'W1',
  servicePoint: 'SP1',
  setupCodeSource: 'machine_config',
  firstRunEnrolment: false,
  ...over,
});

async function settle() {
  await act(async () => {
    await useSessionStore.getState().refresh();
  });
}

describe('SessionGate', () => {
  afterEach(() => {
    cleanup();
    useSessionStore.setState({ status: null, error: null });
  });

  it('before the core has answered, the window is a landmarked page that says it is opening, never an empty one', async () => {
    fake.status = status({ user: null });
    render(<SessionGate>form</SessionGate>);
    expect(screen.getByRole('main').getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('一戶通實體帳戶櫃台');
    expect(screen.getByRole('status').textContent).toBe('正在開啟…');
    expect(screen.queryByText('form')).toBeNull();
    await settle();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('登入');
  });

  it('shows first-run set-up, then sign-in, when nobody is signed in', async () => {
    fake.status = status({ setupNeeded: true, user: null });
    render(<SessionGate>form</SessionGate>);
    await settle();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('首次設定：建立工作站管理員');
    fake.status = status({ user: null });
    await settle();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('登入');
    expect(screen.queryByText('form')).toBeNull();
  });

  it('the lock screen covers the open form, which keeps what was typed; only the password unlocks', async () => {
    fake.status = status({});
    render(
      <SessionGate>
        <label>
          名稱
          <input />
        </label>
      </SessionGate>,
    );
    await settle();
    fireEvent.change(screen.getByLabelText('名稱'), { target: { value: '澳門街坊會' } });
    await act(async () => {
      await useSessionStore.getState().lock();
    });
    expect(screen.getByRole('dialog', { name: '螢幕已鎖定' })).toBeTruthy();
    const form = document.querySelector('.session-content');
    expect(form?.hasAttribute('inert')).toBe(true);
    expect((document.querySelector('.session-content input') as HTMLInputElement).value).toBe('澳門街坊會');

    fireEvent.change(screen.getByLabelText('密碼'), { target: { value: 'wrong' } });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: '解鎖' }));
    });
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('尚可嘗試 4 次');

    fireEvent.change(screen.getByLabelText('密碼'), { target: { value: 'right' } });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: '解鎖' }));
    });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByLabelText('名稱') as HTMLInputElement).value).toBe('澳門街坊會');
  });

  it('another user signing in does not see the previous user’s open form', async () => {
    fake.status = status({});
    render(
      <SessionGate>
        <label>
          名稱
          <input />
        </label>
      </SessionGate>,
    );
    await settle();
    fireEvent.change(screen.getByLabelText('名稱'), { target: { value: '澳門街坊會' } });
    fake.status = status({ user: other });
    await settle();
    expect((screen.getByLabelText('名稱') as HTMLInputElement).value).toBe('');
  });
});
