// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// What the core returns per page: the test's scans say which format each page is.
const fake = vi.hoisted(() => ({ mimes: {} as Record<string, string>, data: {} as Record<string, string>, calls: [] as string[] }));
vi.mock('../../state/session-api', () => ({
  sessionApi: {
    'approval.scanPage': async ({ attachmentId, page }: { attachmentId: string; page: number }) => {
      fake.calls.push(`${attachmentId}/${page}`);
      const mime = fake.mimes[`${attachmentId}/${page}`] ?? 'image/png';
      return { ok: true, value: { mime, dataBase64: fake.data[`${attachmentId}/${page}`] ?? 'AAAA', rotation: 0 } };
    },
  },
}));

// pdf.js does not draw in jsdom: the loader is replaced at the module boundary. A PDF whose
// bytes are "unreadable" is one pdf.js cannot open; any other has `pdf.pages` pages.
const pdf = vi.hoisted(() => ({ pages: 2, drawn: [] as string[], closed: 0 }));
vi.mock('./pdf-document', () => ({
  openPdfScan: async (bytes: Uint8Array) => {
    if (new TextDecoder().decode(bytes) === 'unreadable') throw new Error('Invalid PDF structure');
    return {
      numPages: pdf.pages,
      render: (n: number, _canvas: HTMLCanvasElement, width: number) => {
        pdf.drawn.push(`${n}@${width}`);
        return { done: Promise.resolve(), cancel: () => undefined };
      },
      close: () => {
        pdf.closed++;
      },
    };
  },
}));

const { ScanViewer } = await import('./ScanViewer');

afterEach(() => {
  cleanup();
  fake.calls = [];
  fake.mimes = {};
  fake.data = {};
  pdf.pages = 2;
  pdf.drawn = [];
  pdf.closed = 0;
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

  it('a TIFF page, or a PDF pdf.js cannot open, is a named download with a notice, never a broken image', async () => {
    fake.mimes = { 'a2/0': 'image/tiff', 'p1/0': 'application/pdf' };
    fake.data = { 'p1/0': btoa('unreadable') };
    await show([scans[1]!, { id: 'p1', slot: 'paper.agreement', pages: [{ index: 0, mime: 'application/pdf', rotation: 0 }] }]);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/此頁是 TIFF 檔案，不能在此顯示/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '下載協議書（第 1 頁）' }).getAttribute('download')).toBe('paper.agreement-1.tif');
    await click('下一頁');
    expect(screen.getByText(/此頁是 PDF 檔案/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '下載協議書（第 1 頁）' }).getAttribute('download')).toBe('paper.agreement-1.pdf');
  });

  it('a PDF is shown in place and counts its real pages: a 3-page PDF is 3 pages to turn, numbered on through the scan', async () => {
    pdf.pages = 3;
    fake.mimes = { 'p1/0': 'application/pdf' };
    await show([
      {
        id: 'p1',
        slot: 'paper.agreement',
        pages: [
          { index: 0, mime: 'application/pdf', rotation: 0 },
          { index: 1, mime: 'image/png', rotation: 0 },
        ],
      },
    ]);
    expect(screen.getByText('第 1 / 4 頁')).toBeTruthy();
    expect(screen.getByRole('img', { name: '協議書（第 1 頁）' }).tagName).toBe('CANVAS');
    expect(screen.queryByText(/此頁是 PDF 檔案/)).toBeNull();
    await click('下一頁');
    await click('下一頁');
    expect(screen.getByText('第 3 / 4 頁')).toBeTruthy();
    expect(screen.getByRole('img', { name: '協議書（第 3 頁）' }).tagName).toBe('CANVAS');
    // The PDF is fetched once, not once per page; the PNG after it is page 4 of the document.
    await click('下一頁');
    expect(screen.getByRole('img', { name: '協議書（第 4 頁）' }).tagName).toBe('IMG');
    expect(fake.calls).toEqual(['p1/0', 'p1/1']);
    // Zoom redraws the page wider rather than stretching pixels.
    await click('上一頁');
    const widths = () => pdf.drawn.filter((d) => d.startsWith('3@')).map((d) => Number(d.split('@')[1]));
    const before = Math.max(...widths());
    await click('放大');
    expect(Math.max(...widths())).toBeCloseTo(before * 1.25);
    expect(pdf.drawn.map((d) => d.split('@')[0])).toEqual(expect.arrayContaining(['1', '2', '3']));
  });
});
