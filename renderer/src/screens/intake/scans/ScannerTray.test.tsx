// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeScansCore } from './fake-scans-core.test-support';

const core = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./fake-scans-core.test-support').createFakeScansCore> }));
vi.mock('../../../api/transport', () => ({
  api: new Proxy({}, { get: (_t, method: string) => core.current?.api[method] }),
}));

const { ScannerTray, TRAY_POLL_MS } = await import('./ScannerTray');
const { useScansStore } = await import('./scans-store');

const SLOTS = [
  { slot: 'paper.application_form', label: '實體帳戶申請表' },
  { slot: 'poa', label: '授權書' },
];
const item = (id: string, fileName: string, extra: object = {}) => ({
  id,
  fileName,
  size: 2048,
  mime: 'application/pdf' as const,
  addedAt: '2026-11-23T01:00:00.000Z',
  ...extra,
});
const tray = () => screen.getByRole('region', { name: '掃描器資料夾' });

describe('scanner tray', () => {
  beforeEach(() => {
    core.current = createFakeScansCore();
    useScansStore.setState({ applicationId: 'a1', scans: [], loaded: true, loadError: null, thumbs: {} });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('says so when this workstation has no scanner folder, and stops asking', async () => {
    core.current!.state.tray = { configured: false, items: [] };
    vi.useFakeTimers();
    render(<ScannerTray applicationId="a1" slots={SLOTS} />);
    await act(async () => vi.advanceTimersByTimeAsync(TRAY_POLL_MS * 3));
    expect(within(tray()).getByText('此工作站未設定掃描器資料夾。請通知技術人員。')).toBeTruthy();
    expect(core.current!.callsOf('scanner.tray')).toHaveLength(1);
  });

  it('shows a file that arrives in the folder at the next poll', async () => {
    vi.useFakeTimers();
    render(<ScannerTray applicationId="a1" slots={SLOTS} />);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(within(tray()).getByText('掃描器資料夾中沒有新檔案。')).toBeTruthy();
    core.current!.state.tray.items = [item('t1', 'form-0001.pdf')];
    await act(async () => vi.advanceTimersByTimeAsync(TRAY_POLL_MS));
    expect(within(tray()).getByText('form-0001.pdf')).toBeTruthy();
  });

  it('says when the folder cannot be read, and recovers at the next good poll', async () => {
    vi.useFakeTimers();
    const tray0 = core.current!.api['scanner.tray']!;
    core.current!.api['scanner.tray'] = async () => ({ ok: false, error: { code: 'unavailable', message: 'x', messageKey: 'api.error.unavailable' } });
    render(<ScannerTray applicationId="a1" slots={SLOTS} />);
    await act(async () => vi.advanceTimersByTimeAsync(0));
    expect(within(tray()).getByRole('alert').textContent).toBe('系統核心暫時沒有回應，已輸入的資料會在恢復後儲存。');
    core.current!.api['scanner.tray'] = tray0;
    await act(async () => vi.advanceTimersByTimeAsync(TRAY_POLL_MS));
    expect(within(tray()).queryByRole('alert')).toBeNull();
    expect(within(tray()).getByText('掃描器資料夾中沒有新檔案。')).toBeTruthy();
  });

  it('assigns a file to the chosen slot: it leaves the tray, joins the slot, and the form is re-read', async () => {
    core.current!.state.tray.items = [item('t1', 'form-0001.pdf'), item('t2', 'other.pdf')];
    const onChanged = vi.fn();
    render(<ScannerTray applicationId="a1" slots={SLOTS} onChanged={onChanged} />);
    // The file name is the row's only text naming it (the intake E2E finds the row by it).
    const row = (await within(tray()).findByText('form-0001.pdf')).closest('li') as HTMLElement;
    expect(within(tray()).getAllByText(/form-0001\.pdf/)).toHaveLength(1);
    const button = within(row).getByRole('button', { name: '指派 form-0001.pdf' }) as HTMLButtonElement;
    // Nothing chosen yet: nothing to assign to.
    expect(button.disabled).toBe(true);
    fireEvent.change(within(row).getByLabelText('form-0001.pdf 指派到'), { target: { value: 'poa' } });
    await act(async () => fireEvent.click(button));
    expect(core.current!.callsOf('scanner.assign')).toEqual([{ itemId: 't1', applicationId: 'a1', slot: 'poa' }]);
    await waitFor(() => expect(within(tray()).queryByText('form-0001.pdf')).toBeNull());
    expect(within(tray()).getByText('other.pdf')).toBeTruthy();
    expect(within(tray()).getByRole('status').textContent).toBe('已指派到授權書');
    expect(useScansStore.getState().scans.map((s) => s.slot)).toEqual(['poa']);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows why a file cannot be assigned, in the clerk’s language, without an assign control', async () => {
    core.current!.state.tray.items = [
      item('t1', 'half.png', { mime: null, problem: 'attachments.error.corrupt' }),
      item('t2', 'huge.pdf', { mime: null, problem: 'attachments.error.tooLarge', problemParams: { maxMb: 20 } }),
    ];
    render(<ScannerTray applicationId="a1" slots={SLOTS} />);
    const row = (await within(tray()).findByText('half.png')).closest('li') as HTMLElement;
    expect(within(row).getByText('檔案已損壞或不完整（例如掃描中斷），未有附加。請重新掃描。')).toBeTruthy();
    expect(within(row).queryByRole('button')).toBeNull();
    expect(within(tray()).getByText('檔案太大，上限為 20 MB。請以較低解像度重新掃描。')).toBeTruthy();
  });

  it('keeps the file listed and says why when the core refuses the assignment', async () => {
    core.current!.state.tray.items = [item('t1', 'gone.pdf')];
    render(<ScannerTray applicationId="a1" slots={SLOTS} />);
    const row = (await within(tray()).findByText('gone.pdf')).closest('li') as HTMLElement;
    fireEvent.change(within(row).getByRole('combobox'), { target: { value: 'poa' } });
    core.current!.api['scanner.assign'] = async () => ({ ok: false, error: { code: 'not_found', message: 'x', messageKey: 'attachments.error.trayItemGone' } });
    await act(async () => fireEvent.click(within(row).getByRole('button')));
    expect((await within(tray()).findByRole('alert')).textContent).toBe('該檔案已不在掃描器資料夾中（可能已被移走或仍在寫入）。');
    expect(within(tray()).getByText('gone.pdf')).toBeTruthy();
  });
});
