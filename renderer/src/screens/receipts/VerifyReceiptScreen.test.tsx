// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

// What the clerk reads for each verification result, in each language, against a fake core
// (the real verification has its API tests and the E2E). Times are Macau's (UTC+8).
const core = vi.hoisted(() => ({ verified: [] as string[] }));

vi.mock('../../api/transport', () => {
  const details = { applicationNumber: 'SP01-W07-20261123-0001-X', issuedAt: '2026-11-23T01:30:00Z', workstationId: 'W07' };
  const results: Record<string, unknown> = {
    good: { result: 'valid', ...details, matchesRecord: true },
    changed: { result: 'valid', ...details, matchesRecord: false },
    elsewhere: { result: 'valid', ...details, workstationId: 'W99' },
    missing: { result: 'valid', ...details, notOnFile: true },
    forged: { result: 'tampered', ...details },
    foreign: { result: 'unknown_workstation', ...details, workstationId: 'W42' },
    junk: { result: 'malformed' },
  };
  return {
    api: {
      'receipts.verify': async ({ token }: { token: string }) => {
        core.verified.push(token);
        return { ok: true, value: results[token] };
      },
    },
  };
});

const { VerifyReceiptScreen } = await import('./VerifyReceiptScreen');
const { useLocaleStore } = await import('../../i18n/locale-store');

afterEach(() => {
  cleanup();
  act(() => useLocaleStore.getState().setLocale('zh-Hant'));
  core.verified = [];
});

async function verify(token: string) {
  fireEvent.change(screen.getByLabelText(/收據二維碼內容|Conteúdo do código QR/), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: /^(核實|Verificar)$/ }));
  // The result is announced in the live region (role status).
  return waitFor(() => {
    const result = screen.getByRole('status').querySelector<HTMLElement>('.verify-result');
    if (!result) throw new Error('no result yet');
    return result;
  });
}
const heading = (result: HTMLElement) => result.querySelector('h2')?.textContent;

describe('verify screen', () => {
  const zh: [token: string, heading: string, lines: string[], absent: string[]][] = [
    [
      'good',
      '有效收據',
      ['申請編號：SP01-W07-20261123-0001-X', '簽發時間：23/11/2026 09:30', '工作站：W07', '收據有效', '本工作站的申請記錄與收據內容相符。'],
      ['注意'],
    ],
    ['changed', '有效收據', ['注意：本工作站的申請記錄與收據所列的名稱或文件不符。'], ['相符。']],
    ['elsewhere', '有效收據', ['工作站：W99'], ['相符', '不符']],
    ['missing', '有效收據', ['注意：收據由本工作站簽發，但本工作站找不到這份申請的記錄。請聯絡主管查核。'], ['相符。']],
    ['forged', '收據已被更改', ['申請編號：SP01-W07-20261123-0001-X', '收據內容與簽署不符，可能已被更改。'], ['收據有效', '相符']],
    ['foreign', '未知工作站', ['簽發收據的工作站 W42 不在已知名單內，未能核實。', '簽發時間：23/11/2026 09:30'], ['收據有效']],
    ['junk', '不是收據二維碼', ['這不是實體帳戶收據的二維碼，或二維碼不完整。'], ['申請編號', '簽發時間']],
  ];
  it.each(zh)('%s → %s, with its details in Traditional Chinese', async (token, title, lines, absent) => {
    render(<VerifyReceiptScreen />);
    const result = await verify(token);
    expect(heading(result)).toBe(title);
    for (const line of lines) expect(result.textContent).toContain(line);
    for (const line of absent) expect(result.textContent).not.toContain(line);
  });

  it('in Portuguese when the clerk works in Portuguese', async () => {
    act(() => useLocaleStore.getState().setLocale('pt'));
    render(<VerifyReceiptScreen />);
    const result = await verify('forged');
    expect(heading(result)).toBe('Recibo alterado');
    expect(result.textContent).toContain('O conteúdo do recibo não corresponde à assinatura');
    expect(result.textContent).toContain('SP01-W07-20261123-0001-X');
    expect(result.textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('an empty field asks for a code and calls nothing; pasted text is trimmed', async () => {
    render(<VerifyReceiptScreen />);
    fireEvent.click(screen.getByRole('button', { name: '核實' }));
    expect((await screen.findByRole('alert')).textContent).toBe('請先貼上或掃描二維碼。');
    expect(core.verified).toEqual([]);
    await verify('  good\n');
    expect(core.verified).toEqual(['good']);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
