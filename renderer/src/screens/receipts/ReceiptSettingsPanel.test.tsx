// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The administrator's receipt settings where a printer exists (Electron), against a fake core;
// the harness case (no printer, PDF preview) is in the receipts E2E.
const core = vi.hoisted(() => ({
  saved: [] as unknown[],
  previews: 0,
  settings: { paperSize: 'a4', english: false } as Record<string, unknown>,
  printers: true,
}));

vi.mock('../../api/transport', () => ({
  api: {
    'receipts.settings': async () => ({ ok: true, value: core.settings }),
    'receipts.setSettings': async (input: Record<string, unknown>) => {
      core.saved.push(input);
      core.settings = input;
      return { ok: true, value: input };
    },
    'receipts.printers': async () => ({
      ok: true,
      value: core.printers
        ? {
            available: true,
            printers: [
              { name: 'HP_A4', displayName: 'HP LaserJet (A4)', isDefault: false },
              { name: 'EPSON_TM', displayName: 'Epson TM-T88', isDefault: true },
            ],
          }
        : { available: false, printers: [] },
    }),
    'receipts.workstationKey': async () => ({ ok: true, value: { workstationId: 'W07', publicKey: 'MCowBQYDK2VwAyEA' } }),
    'receipts.preview': async () => {
      core.previews++;
      return { ok: true, value: { shown: true } };
    },
  },
}));

const { ReceiptSettingsPanel } = await import('./ReceiptSettingsPanel');

beforeEach(() => {
  Object.assign(core, { saved: [], previews: 0, settings: { paperSize: 'a4', english: false }, printers: true });
});
afterEach(cleanup);

describe('receipt settings', () => {
  it('chooses a printer and the roll, saves exactly that, and previews in a window', async () => {
    render(<ReceiptSettingsPanel />);
    const printer = (await screen.findByLabelText('打印機')) as HTMLSelectElement;
    expect([...printer.options].map((o) => o.textContent)).toEqual(['系統預設打印機', 'HP LaserJet (A4)', 'Epson TM-T88']);
    fireEvent.change(printer, { target: { value: 'EPSON_TM' } });
    fireEvent.change(screen.getByLabelText('紙張'), { target: { value: 'roll80' } });
    fireEvent.click(screen.getByLabelText('同時印上英文'));
    fireEvent.click(screen.getByRole('button', { name: '儲存設定' }));
    await screen.findByText('收據設定已儲存。');
    expect(core.saved).toEqual([{ paperSize: 'roll80', english: true, printer: 'EPSON_TM' }]);

    // Back to the system default: no printer is stored, rather than an empty name.
    fireEvent.change(printer, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: '儲存設定' }));
    await vi.waitFor(() => expect(core.saved).toHaveLength(2));
    expect(core.saved[1]).toEqual({ paperSize: 'roll80', english: true });

    fireEvent.click(screen.getByRole('button', { name: '預覽收據' }));
    await screen.findByText('預覽已在另一個視窗開啟。');
    expect(core.previews).toBe(1);
    expect(screen.getByText('MCowBQYDK2VwAyEA')).toBeTruthy();
  });

  it('without a printer says the receipt is downloaded instead of showing an empty list', async () => {
    core.printers = false;
    render(<ReceiptSettingsPanel />);
    await screen.findByText('此模式不能直接列印：收據會以 PDF 下載。');
    expect(screen.queryByLabelText('打印機')).toBeNull();
  });
});
