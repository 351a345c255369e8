// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// What the core returns per page: the test's scans say which format each page is.
const fake = vi.hoisted(() => ({ mimes: {} as Record<string, string>, calls: [] as string[] }));
vi.mock('../../state/session-api', () => ({
  sessionApi: {
    'approval.scanPage': async ({ attachmentId, page }: { attachmentId: string; page: number }) => {
      fake.calls.push(`${attachmentId}/${page}`);
      return { ok: true, value: { mime: fake.mimes[`${attachmentId}/${page}`] ?? 'image/png', dataBase64: 'AAAA', rotation: 0 } };
    },
  },
}));

const { ScanViewer } = await import('./ScanViewer');

afterEach(() => {
  cleanup();
  fake.calls = [];
  fake.mimes = {};
});

const labels: Record<string, string> = { 'paper.application_form': '實體帳戶申請表', 'paper.agreement': '協議書' };
const scans = [
  {
    id: 'a1',
    slot: 'paper.application_form',
    pages: [
      { index: 0, mime: 'image/png', rotation: 0 },
      { index: 1, mime: 'image/png', rotation: 0 },
    ],
  },
  { id: 'a2', slot: 'paper.agreement', pages: [{ index: 0, mime: 'image/tiff', rotation: 0 }] },
];

async function show(s = scans) {
  render(<ScanViewer scans={s} labelOf={(slot) => labels[slot] ?? slot} />);
  await act(async () => {});
}
const click = async (name: string) => {
  fireEvent.click(screen.getByRole('button', { name }));
  await act(async () => {});
};

describe('scan viewer', () => {
  it('pages through every page of every scan, named as the receipt names the document', async () => {
    await show();
    expect(screen.getByText('第 1 / 3 頁')).toBeTruthy();
    expect(screen.getByRole('img', { name: '實體帳戶申請表（第 1 頁）' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '上一頁' }).hasAttribute('disabled')).toBe(true);
    await click('下一頁');
    expect(screen.getByText('第 2 / 3 頁')).toBeTruthy();
    expect(screen.getByRole('img', { name: '實體帳戶申請表（第 2 頁）' })).toBeTruthy();
    // Keyboard: PageDown on the viewer turns the page as the button does.
    fireEvent.keyDown(screen.getByLabelText('掃描文件', { selector: '.scan-viewer' }), { key: 'PageDown' });
    await act(async () => {});
    expect(screen.getByText('第 3 / 3 頁')).toBeTruthy();
    expect(screen.getByRole('button', { name: '下一頁' }).hasAttribute('disabled')).toBe(true);
    expect(fake.calls).toEqual(['a1/0', 'a1/1', 'a2/0']);
    // No raw slot id anywhere.
    expect(document.body.textContent).not.toContain('paper.');
  });

  it('zooms in and out in steps, within bounds, by button and by key', async () => {
    await show();
    const width = () => (screen.getByRole('img') as HTMLImageElement).style.width;
    expect(width()).toBe('100%');
    await click('放大');
    expect(width()).toBe('125%');
    expect(screen.getByText('縮放 125%')).toBeTruthy();
    await click('縮小');
    await click('縮小');
    expect(width()).toBe('80%');
    for (let i = 0; i < 20; i++) fireEvent.keyDown(screen.getByLabelText('掃描文件', { selector: '.scan-viewer' }), { key: '+' });
    await act(async () => {});
    expect(width()).toBe('400%');
  });

  it('a TIFF or PDF page is a named download with a notice, never a broken image', async () => {
    fake.mimes = { 'a2/0': 'image/tiff', 'p1/0': 'application/pdf' };
    await show([scans[1]!, { id: 'p1', slot: 'paper.agreement', pages: [{ index: 0, mime: 'application/pdf', rotation: 0 }] }]);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/此頁是 TIFF 檔案，不能在此顯示/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '下載協議書（第 1 頁）' }).getAttribute('download')).toBe('paper.agreement-1.tif');
    await click('下一頁');
    expect(screen.getByText(/此頁是 PDF 檔案/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '下載協議書（第 1 頁）' }).getAttribute('download')).toBe('paper.agreement-1.pdf');
  });
});
