// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeScansCore } from './fake-scans-core.test-support';

const core = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('./fake-scans-core.test-support').createFakeScansCore> }));
vi.mock('../../../api/transport', () => ({
  api: new Proxy({}, { get: (_t, method: string) => core.current?.api[method] }),
}));

const { ScansPanel } = await import('./ScansPanel');
const { useScansStore } = await import('./scans-store');

const SLOT = 'paper.application_form';
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name: string, extra = 0) => new File([new Uint8Array([...PNG, ...Array.from({ length: extra }, (_, i) => i % 251)])], name, { type: 'image/png' });

function renderPanel(props: { readOnly?: boolean; onChanged?: () => void; slot?: string } = {}) {
  return render(
    <ScansPanel
      applicationId="a1"
      slot={props.slot ?? SLOT}
      label="實體帳戶申請表"
      readOnly={props.readOnly ?? false}
      {...(props.onChanged ? { onChanged: props.onChanged } : {})}
    />,
  );
}

const group = () => screen.getByRole('group', { name: '實體帳戶申請表的掃描檔' });
const picker = () => within(group()).getByLabelText('附加掃描檔（PDF、JPEG、PNG、TIFF）');

async function pick(...files: File[]) {
  await act(async () => {
    fireEvent.change(picker(), { target: { files } });
  });
}

describe('scans of one checklist slot', () => {
  beforeEach(() => {
    core.current = createFakeScansCore({ chunkSize: 4 });
    useScansStore.setState({ applicationId: null, scans: [], loaded: false, loadError: null, thumbs: {} });
  });
  afterEach(() => cleanup());

  it('shows only its own slot: image pages as previews, PDF pages as a badge', async () => {
    core.current!.state.scans = [
      { id: 'x1', slot: SLOT, size: 10, pages: [{ id: 'p1', position: 0, mime: 'image/png', rotation: 90, size: 10 }] },
      { id: 'x2', slot: SLOT, size: 10, pages: [{ id: 'p2', position: 0, mime: 'application/pdf', rotation: 0, size: 10 }] },
      { id: 'x3', slot: 'poa', size: 10, pages: [{ id: 'p3', position: 0, mime: 'image/png', rotation: 0, size: 10 }] },
    ];
    renderPanel();
    const img = await within(group()).findByRole('img', { name: '第 1 頁預覽' });
    expect(img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    // Rotation is shown by CSS; the stored bytes are never re-encoded.
    expect(img.className).toBe('rot-90');
    expect(within(group()).getByText('掃描檔 1（1 頁）')).toBeTruthy();
    expect(within(group()).getByText(/PDF 文件/)).toBeTruthy();
    expect(within(group()).queryByText('掃描檔 3（1 頁）')).toBeNull();
    // One list call however many panels, one thumbnail call per image page.
    expect(core.current!.callsOf('attachments.thumbnail')).toEqual([{ attachmentId: 'x1', page: 0 }]);
  });

  it('attaches a picked file in chunks of the size the core announced, then re-reads the form', async () => {
    const onChanged = vi.fn();
    renderPanel({ onChanged });
    await screen.findByText('尚未附加掃描檔。');
    const file = png('form.png', 6); // 14 bytes: four chunks of at most 4
    await pick(file);
    await waitFor(() => expect(within(group()).getByText('掃描檔 1（1 頁）')).toBeTruthy());
    const chunks = core.current!.callsOf('attachments.chunk') as { index: number; dataBase64: string }[];
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    const [id] = [...core.current!.state.received.keys()];
    expect([...core.current!.state.received.get(id!)!]).toEqual([...new Uint8Array(await file.arrayBuffer())]);
    expect(core.current!.callsOf('attachments.begin')).toEqual([
      { applicationId: 'a1', slot: SLOT, fileName: 'form.png', size: 14, declaredMime: 'image/png' },
    ]);
    expect(screen.getByRole('status').textContent).toBe('已附加 form.png');
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows a progress bar labelled with the file while chunks go', async () => {
    const pending: (() => void)[] = [];
    const chunk = core.current!.api['attachments.chunk']!;
    core.current!.api['attachments.chunk'] = async (input: unknown) => {
      await new Promise<void>((r) => pending.push(r));
      return chunk(input);
    };
    const releaseNext = async () => {
      await waitFor(() => expect(pending).toHaveLength(1));
      await act(async () => pending.shift()!());
    };
    renderPanel();
    await screen.findByText('尚未附加掃描檔。');
    await pick(png('big.png', 4));
    const bar = await screen.findByRole('progressbar', { name: '正在上載 big.png' });
    expect(bar.getAttribute('max')).toBe('12');
    expect(bar.getAttribute('value')).toBe('0');
    await releaseNext();
    await waitFor(() => expect(bar.getAttribute('value')).toBe('4'));
    await releaseNext();
    await releaseNext();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('shows a refusal in the clerk’s language and attaches nothing (corrupt file)', async () => {
    const onChanged = vi.fn();
    renderPanel({ onChanged });
    await screen.findByText('尚未附加掃描檔。');
    await pick(new File([new Uint8Array([1, 2, 3, 4, 5])], 'broken.png', { type: 'image/png' }));
    const alert = await within(group()).findByRole('alert');
    expect(alert.textContent).toBe('檔案已損壞或不完整（例如掃描中斷），未有附加。請重新掃描。');
    expect(within(group()).getByText('尚未附加掃描檔。')).toBeTruthy();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('aborts the upload when a chunk is refused, so the core frees it', async () => {
    core.current!.api['attachments.chunk'] = async () => ({ ok: false, error: { code: 'unavailable', message: 'x', messageKey: 'api.error.unavailable' } });
    renderPanel();
    await screen.findByText('尚未附加掃描檔。');
    await pick(png('a.png'));
    await within(group()).findByRole('alert');
    expect(core.current!.callsOf('attachments.abort')).toHaveLength(1);
    expect(core.current!.callsOf('attachments.commit')).toHaveLength(0);
  });

  it('attaches files dropped on the zone', async () => {
    renderPanel();
    await screen.findByText('尚未附加掃描檔。');
    const zone = picker().closest('.scan-drop') as HTMLElement;
    await act(async () => {
      fireEvent.drop(zone, { dataTransfer: { files: [png('one.png'), png('two.png')] } });
    });
    await waitFor(() => expect(within(group()).getByText('掃描檔 2（1 頁）')).toBeTruthy());
  });

  it('rotates, moves and removes pages, asking twice before removing', async () => {
    core.current!.state.scans = [
      {
        id: 'x1',
        slot: SLOT,
        size: 20,
        pages: [
          { id: 'p1', position: 0, mime: 'image/png', rotation: 0, size: 10 },
          { id: 'p2', position: 1, mime: 'application/pdf', rotation: 0, size: 10 },
        ],
      },
    ];
    const onChanged = vi.fn();
    renderPanel({ onChanged });
    const g = group();
    await within(g).findByRole('img', { name: '第 1 頁預覽' });
    expect((within(g).getByRole('button', { name: '上移第 1 頁' }) as HTMLButtonElement).disabled).toBe(true);

    await act(async () => fireEvent.click(within(g).getByRole('button', { name: '旋轉第 1 頁（90°）' })));
    await waitFor(() => expect(within(g).getByRole('img').className).toBe('rot-90'));
    expect(within(g).getByRole('button', { name: '旋轉第 1 頁（180°）' })).toBeTruthy();

    await act(async () => fireEvent.click(within(g).getByRole('button', { name: '下移第 1 頁' })));
    expect(core.current!.callsOf('attachments.reorder')).toEqual([{ attachmentId: 'x1', pageIds: ['p2', 'p1'] }]);
    // The image is now page 2.
    await within(g).findByRole('img', { name: '第 2 頁預覽' });

    await act(async () => fireEvent.click(within(g).getByRole('button', { name: '移除第 1 頁' })));
    expect(core.current!.callsOf('attachments.removePage')).toHaveLength(0);
    await act(async () => fireEvent.click(within(g).getByRole('button', { name: '確定移除？再按一次確認' })));
    expect(core.current!.callsOf('attachments.removePage')).toEqual([{ attachmentId: 'x1', pageId: 'p2' }]);
    await waitFor(() => expect(within(g).getByText('掃描檔 1（1 頁）')).toBeTruthy());

    await act(async () => fireEvent.click(within(g).getByRole('button', { name: '移除掃描檔 1' })));
    await act(async () => fireEvent.click(within(g).getByRole('button', { name: '確定移除？再按一次確認' })));
    await within(g).findByText('尚未附加掃描檔。');
    expect(onChanged).toHaveBeenCalledTimes(4);
  });

  it('adds pages to an existing scan through the same picker; a direct pick makes a new scan again', async () => {
    renderPanel();
    await screen.findByText('尚未附加掃描檔。');
    await pick(png('p1.png'));
    await within(group()).findByText('掃描檔 1（1 頁）');
    fireEvent.click(within(group()).getByRole('button', { name: '為掃描檔 1 加頁' }));
    await pick(png('p2.png', 1));
    await within(group()).findByText('掃描檔 1（2 頁）');
    expect((core.current!.callsOf('attachments.begin')[1] as { attachmentId?: string }).attachmentId).toBe(useScansStore.getState().scans[0]!.id);
    fireEvent.click(picker());
    await pick(png('p3.png', 2));
    await within(group()).findByText('掃描檔 2（1 頁）');
  });

  it('read only: previews without any control to change them', async () => {
    core.current!.state.scans = [{ id: 'x1', slot: SLOT, size: 10, pages: [{ id: 'p1', position: 0, mime: 'image/png', rotation: 0, size: 10 }] }];
    renderPanel({ readOnly: true });
    await within(group()).findByRole('img', { name: '第 1 頁預覽' });
    expect(within(group()).queryAllByRole('button')).toEqual([]);
    expect(group().querySelector('input[type=file]')).toBeNull();
  });
});
