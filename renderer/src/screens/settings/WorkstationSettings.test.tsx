// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  configured: [] as unknown[],
  answer: null as unknown,
  settings: {
    servicePoint: { code: 'DEV', nameZh: '開發測試服務點', namePt: 'Posto de atendimento de teste' },
    workstationId: 'WAB12',
    scannerFolder: '',
    placeholder: true,
    workstationIdLocked: false,
  },
}));
vi.mock('./workstation-api', () => ({
  workstationApi: {
    'workstation.settings': async () => ({ ok: true, value: fake.settings }),
    'workstation.configure': async (input: unknown) => {
      fake.configured.push(input);
      return fake.answer;
    },
  },
}));
vi.mock('../../state/app-store', () => ({ useAppStore: (pick: (s: { loadInfo: () => Promise<void> }) => unknown) => pick({ loadInfo: async () => {} }) }));

const { WorkstationSettingsForm } = await import('./WorkstationSettings');

afterEach(() => {
  cleanup();
  fake.configured = [];
});

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

async function show() {
  render(<WorkstationSettingsForm />);
  await act(async () => {});
}

describe('workstation settings (administrator)', () => {
  it('says the placeholder is in use, offers its code empty, and sends what the administrator typed', async () => {
    await show();
    expect(screen.getByText('此工作站仍使用開發測試服務點。設定服務點前不能發出收據。')).toBeTruthy();
    expect(field('服務點代號（2–8 個大寫英文字母或數字）').value).toBe('');
    expect(field('工作站編號（2–8 個大寫英文字母或數字）').value).toBe('WAB12');
    fireEvent.change(field('服務點代號（2–8 個大寫英文字母或數字）'), { target: { value: 'sp01' } });
    fireEvent.change(field('服務點名稱（中文）'), { target: { value: '氹仔服務點' } });
    fireEvent.change(field('服務點名稱（葡文）'), { target: { value: 'Posto da Taipa' } });
    fake.answer = {
      ok: true,
      value: {
        restartRequired: true,
        settings: { ...fake.settings, placeholder: false, servicePoint: { code: 'SP01', nameZh: '氹仔服務點', namePt: 'Posto da Taipa' } },
      },
    };
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '儲存工作站設定' }));
    });
    expect(fake.configured).toEqual([
      { servicePoint: { code: 'SP01', nameZh: '氹仔服務點', namePt: 'Posto da Taipa' }, workstationId: 'WAB12', scannerFolder: '' },
    ]);
    expect(screen.getByRole('status').textContent).toContain('請重新啟動程式');
    expect(screen.queryByText('此工作站仍使用開發測試服務點。設定服務點前不能發出收據。')).toBeNull();
  });

  it('shows a refusal in the administrator’s language', async () => {
    await show();
    fake.answer = {
      ok: false,
      error: { code: 'refused', message: 'missing', messageKey: 'workstation.error.folderMissing', params: { folder: '/nope' } },
    };
    fireEvent.change(field('服務點代號（2–8 個大寫英文字母或數字）'), { target: { value: 'SP01' } });
    fireEvent.change(field('服務點名稱（中文）'), { target: { value: '氹仔服務點' } });
    fireEvent.change(field('服務點名稱（葡文）'), { target: { value: 'Posto da Taipa' } });
    fireEvent.change(field('掃描資料夾（完整路徑；留空即不使用）'), { target: { value: '/nope' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '儲存工作站設定' }));
    });
    expect(screen.getByRole('alert').textContent).toBe('找不到掃描資料夾「/nope」：請輸入已存在資料夾的完整路徑，或留空。');
  });
});
