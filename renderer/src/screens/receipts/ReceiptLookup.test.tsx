// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A person back for a lost receipt, against a fake core (receipts.find has API tests).
const core = vi.hoisted(() => ({ finds: [] as string[] }));

vi.mock('../../api/transport', () => ({
  api: {
    'receipts.find': async ({ applicationNumber }: { applicationNumber: string }) => {
      core.finds.push(applicationNumber);
      return applicationNumber === 'sp01-w07-20261123-0001-x'
        ? { ok: true, value: { applicationId: 'a1' } }
        : { ok: false, error: { code: 'not_found', message: 'x', messageKey: 'receipts.error.notFound' } };
    },
    'receipts.status': async () => ({
      ok: true,
      value: { applicationNumber: 'SP01-W07-20261123-0001-X', allowed: true, issued: true, reprints: 2, canPrint: false },
    }),
  },
}));

const { ReceiptLookup } = await import('./ReceiptLookup');

afterEach(() => {
  cleanup();
  core.finds = [];
});

const search = (typed: string) => {
  fireEvent.change(screen.getByLabelText('申請編號'), { target: { value: typed } });
  fireEvent.click(screen.getByRole('button', { name: '查找' }));
};

describe('receipt lookup', () => {
  it('an empty number is asked for without calling the core', async () => {
    render(<ReceiptLookup />);
    search('   ');
    expect((await screen.findByRole('alert')).textContent).toBe('請輸入收據上的申請編號。');
    expect(core.finds).toEqual([]);
  });

  it('an unknown number is said in Chinese; a known one leads to a counted reprint', async () => {
    render(<ReceiptLookup />);
    search('SP01-W07-20261123-0009-Z');
    expect((await screen.findByRole('alert')).textContent).toBe('找不到這個申請編號的申請。');
    search(' sp01-w07-20261123-0001-x ');
    await screen.findByText('已發出收據；補印次數：2');
    // Straight to the reprint: Enter prints the copy.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '補印收據（副本）' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(core.finds).toEqual(['SP01-W07-20261123-0009-Z', 'sp01-w07-20261123-0001-x']);
  });
});
