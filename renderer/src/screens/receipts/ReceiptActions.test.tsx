// @vitest-environment jsdom
import { StrictMode } from 'react';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The receipt step against a fake core with the receipt API's semantics (the real one has
// its API tests; the harness download path has the E2E). Here: the Electron path, where a
// printer is attached, and when the original is produced without a press.
const core = vi.hoisted(() => ({
  issued: false,
  reprints: 0,
  allowed: true,
  canPrint: true,
  failPrint: false,
  calls: [] as string[],
}));

vi.mock('../../api/transport', () => ({
  api: {
    'receipts.status': async () => ({
      ok: true,
      value: { applicationNumber: 'SP01-W07-20261123-0001-X', allowed: core.allowed, issued: core.issued, reprints: core.reprints, canPrint: core.canPrint },
    }),
    'receipts.print': async ({ mode }: { mode: 'issue' | 'reprint' }) => {
      core.calls.push(`print:${mode}`);
      if (core.failPrint)
        return { ok: false, error: { code: 'unavailable', message: 'x', messageKey: 'receipts.error.printFailed', params: { detail: 'paper out' } } };
      if (mode === 'issue') core.issued = true;
      else core.reprints++;
      return { ok: true, value: { copy: mode === 'issue' ? 0 : core.reprints, printer: 'EPSON_TM' } };
    },
    'receipts.issue': async () => {
      core.calls.push('issue');
      core.issued = true;
      return { ok: true, value: { fileName: 'receipt-SP01-W07-20261123-0001-X.pdf', pdfBase64: 'JVBERi0=', copy: 0 } };
    },
  },
}));
// jsdom has no object URLs: record what would have been downloaded.
vi.mock('./download-file', () => ({ downloadPdf: (fileName: string) => core.calls.push(`download:${fileName}`) }));

const { ReceiptActions } = await import('./ReceiptActions');
const { ReceiptMount } = await import('../intake/ReceiptMount');
const { useIntakeStore } = await import('../../state/intake-store');

const state = () => document.querySelector('.receipt-state')?.textContent;
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

beforeEach(() => {
  Object.assign(core, { issued: false, reprints: 0, allowed: true, canPrint: true, failPrint: false, calls: [] });
});
afterEach(() => {
  cleanup();
  useIntakeStore.getState().reset();
});

describe('receipt step', () => {
  it('with a printer: prints the original by itself once (also under StrictMode), then a press prints a counted copy', async () => {
    render(
      <StrictMode>
        <ReceiptActions applicationId="a1" autoStart />
      </StrictMode>,
    );
    await screen.findByText('收據已送往打印機：EPSON_TM');
    await settle();
    expect(core.calls).toEqual(['print:issue']);
    expect(state()).toBe('已發出收據；補印次數：0');
    // The only action left is a copy; it is never made without the clerk's press.
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['補印收據（副本）']);
    fireEvent.click(screen.getByRole('button', { name: '補印收據（副本）' }));
    await screen.findByText('已發出收據；補印次數：1');
    expect(core.calls).toEqual(['print:issue', 'print:reprint']);
  });

  it('without autoStart nothing is printed until the clerk presses 列印收據', async () => {
    render(<ReceiptActions applicationId="a1" />);
    const button = await screen.findByRole('button', { name: '列印收據' });
    await settle();
    expect(core.calls).toEqual([]);
    expect(state()).toBe('尚未發出收據。');
    fireEvent.click(button);
    await screen.findByText('收據已送往打印機：EPSON_TM');
    expect(core.calls).toEqual(['print:issue']);
  });

  it('a jammed printer: the clerk reads why in Chinese, nothing counts as issued, and the press retries', async () => {
    core.failPrint = true;
    render(<ReceiptActions applicationId="a1" autoStart />);
    expect((await screen.findByRole('alert')).textContent).toBe('未能列印收據（paper out），沒有記錄為已列印。請檢查打印機後再試。');
    await settle();
    expect(state()).toBe('尚未發出收據。');
    expect(core.calls).toEqual(['print:issue']); // not retried by itself
    core.failPrint = false;
    fireEvent.click(screen.getByRole('button', { name: '列印收據' }));
    await screen.findByText('已發出收據；補印次數：0');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('no working printer: the PDF is offered instead, and the receipt still counts as issued once', async () => {
    core.failPrint = true;
    render(<ReceiptActions applicationId="a1" autoStart />);
    await screen.findByRole('alert');
    fireEvent.click(await screen.findByRole('button', { name: '改為下載收據（PDF）' }));
    await screen.findByText('收據已下載：receipt-SP01-W07-20261123-0001-X.pdf');
    await screen.findByText('已發出收據；補印次數：0');
    expect(core.calls).toEqual(['print:issue', 'issue', 'download:receipt-SP01-W07-20261123-0001-X.pdf']);
    expect(screen.queryByRole('button', { name: '改為下載收據（PDF）' })).toBeNull();
  });

  it('with a working printer there is no download button', async () => {
    render(<ReceiptActions applicationId="a1" />);
    await screen.findByRole('button', { name: '列印收據' });
    expect(screen.getAllByRole('button')).toHaveLength(1);
  });

  it('someone who may not issue it is told who may, and nothing is produced', async () => {
    core.allowed = false;
    render(<ReceiptActions applicationId="a1" autoStart />);
    await screen.findByText('只有受理此申請的職員或主管可以發出收據。');
    await settle();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(core.calls).toEqual([]);
  });
});

describe('receipt step in the intake flow', () => {
  const record = (id: string, status: string) => ({ id, status }) as unknown as NonNullable<ReturnType<typeof useIntakeStore.getState>['record']>;

  it('starts by itself only for an application this window just saw submitted, and only once', async () => {
    act(() => useIntakeStore.setState({ record: record('a1', 'draft') }));
    act(() => useIntakeStore.setState({ record: record('a1', 'pending_approval') }));
    const first = render(<ReceiptMount applicationId="a1" />);
    await screen.findByText('收據已送往打印機：EPSON_TM');
    expect(core.calls).toEqual(['print:issue']);
    first.unmount();

    // Back to it later (issued or not): shown, not produced.
    core.issued = false;
    render(<ReceiptMount applicationId="a1" />);
    await screen.findByRole('button', { name: '列印收據' });
    await settle();
    expect(core.calls).toEqual(['print:issue']);
  });

  it('a resubmission after a return for correction starts it too, if no receipt was issued yet', async () => {
    act(() => useIntakeStore.setState({ record: record('a3', 'returned') }));
    act(() => useIntakeStore.setState({ record: record('a3', 'pending_approval') }));
    render(<ReceiptMount applicationId="a3" />);
    await screen.findByText('收據已送往打印機：EPSON_TM');
    expect(core.calls).toEqual(['print:issue']);
  });

  it('a decision on an open application (approved) does not start it', async () => {
    act(() => useIntakeStore.setState({ record: record('a4', 'pending_approval') }));
    act(() => useIntakeStore.setState({ record: record('a4', 'approved') }));
    render(<ReceiptMount applicationId="a4" />);
    await screen.findByRole('button', { name: '列印收據' });
    await settle();
    expect(core.calls).toEqual([]);
  });

  it('an application opened already submitted is not printed by looking at it', async () => {
    act(() => useIntakeStore.setState({ record: record('a2', 'pending_approval') }));
    render(<ReceiptMount applicationId="a2" />);
    await screen.findByRole('button', { name: '列印收據' });
    await settle();
    expect(core.calls).toEqual([]);
  });
});
