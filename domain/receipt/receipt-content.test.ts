import { describe, expect, it } from 'vitest';
import { buildReceiptContent } from './receipt-content';
import { ReceiptInputSchema, type ReceiptInputData } from './receipt-input';
import { RECEIPT_SAMPLES } from './receipt-samples';

const sample = (name: string): ReceiptInputData => {
  const s = RECEIPT_SAMPLES.find((x) => x.name === name);
  if (!s) throw new Error(name);
  return s.input;
};
const allText = (data: ReceiptInputData, english = false) =>
  buildReceiptContent(ReceiptInputSchema.parse(data), { english })
    .blocks.flatMap((b) => {
      switch (b.type) {
        case 'applicationNumber':
          return [...b.label, { text: b.number }];
        case 'field':
          return [...b.label, ...b.value];
        case 'documents':
          return [...b.label, ...b.items.flatMap((i) => [...i.title, ...i.details])];
        case 'paragraphs':
          return [...b.label, ...b.paragraphs];
        case 'qr':
          return b.caption;
        default:
          return b.lines;
      }
    })
    .map((l) => l.text)
    .join('\n');

describe('receipt content', () => {
  it('is in Traditional Chinese and Portuguese, English only when the workstation asks', () => {
    const without = allText(sample('first-application'));
    expect(without).toContain('申請收據');
    expect(without).toContain('Recibo do pedido');
    expect(without).not.toContain('Application receipt');
    expect(allText(sample('first-application'), true)).toContain('Application receipt');
  });

  it('tells where to ask in correct Portuguese: "ao Centro de Serviços" (a + o), not "a Centro"', () => {
    const text = allText(sample('first-application'));
    expect(text).toContain('Dirija-se com este recibo ao Centro de Serviços da RAEM ou a qualquer posto de atendimento');
    expect(text).not.toContain(' a Centro');
  });

  it('says the application is free (FAQ 7)', () => {
    const text = allText(sample('first-application'), true);
    expect(text).toContain('免費');
    expect(text).toContain('Gratuito');
    expect(text).toContain('Free');
  });

  it('never prints whole ID or mobile numbers', () => {
    const text = allText(sample('first-application'));
    expect(text).not.toContain('1234567(8)');
    expect(text).toContain('****567(8)');
    expect(text).not.toContain('6612 3456');
    expect(text).toContain('+853 ****3456');
  });

  it('explains the first application: approval, entity account first, then admin logins, codes by SMS (ps-2112a, FAQ 15)', () => {
    const text = allText(sample('first-application'));
    expect(text).toContain('申請須經主管審批');
    expect(text).toContain('會先啟動實體帳戶，然後啟動實體管理員的工作人員登入號');
    expect(text).toContain('短訊');
    expect(text).toContain('é ativada primeiro a conta da entidade');
  });

  it('mentions SMS codes for a change of data only when an admin is added', () => {
    expect(allText(sample('change-of-data'))).toContain('啟動碼');
    const noAdmin = { ...sample('change-of-data'), changes: ['contact' as const] };
    expect(allText(noAdmin)).not.toContain('啟動碼');
    expect(allText(noAdmin)).toContain('更改聯絡資料');
  });

  it('marks a reprint as a copy with its count, and only a reprint', () => {
    expect(allText(sample('face-recognition'))).toContain('副本（第 1 次補印）');
    expect(allText(sample('face-recognition'))).toContain('Segunda via (reimpressão n.º 1)');
    expect(allText({ ...sample('face-recognition'), reprintCount: 0 })).not.toContain('副本');
    expect(allText({ ...sample('face-recognition'), reprintCount: 3 })).toContain('第 3 次補印');
  });

  it('shows the time in Macau, whatever zone the input instant is written in', () => {
    expect(allText({ ...sample('security-code'), issuedAt: '2026-11-23T16:30:00Z' })).toContain('24/11/2026 00:30');
  });

  it('writes the issue time day first, as the screens and the day-end report do (issue 13 item 15)', () => {
    const text = allText({ ...sample('security-code'), issuedAt: '2026-11-23T03:15:00Z' });
    expect(text).toContain('23/11/2026 11:15');
    expect(text).not.toContain('2026-11-23 11:15');
  });

  it('lists every document with how it was received', () => {
    const text = allText(sample('change-of-data'));
    expect(text).toContain('授權書');
    expect(text).toContain('已核對認證繕本；影印本已留存；3 頁');
    expect(text).toContain('Pública-forma verificada; Cópia retida; 3 pág.');
    expect(text).toContain('已出示影印本');
  });

  it('rejects an entity without any name, and an application number a scanner could not read back', () => {
    const base = sample('security-code');
    expect(ReceiptInputSchema.safeParse({ ...base, entity: { type: 'company' } }).success).toBe(false);
    expect(ReceiptInputSchema.safeParse({ ...base, applicationNumber: '申請 7' }).success).toBe(false);
    expect(ReceiptInputSchema.safeParse(base).success).toBe(true);
  });

  it('requires the changes of a change of data, and no changes on other kinds (ps-2112b)', () => {
    expect(ReceiptInputSchema.safeParse({ ...sample('change-of-data'), changes: [] }).success).toBe(false);
    expect(ReceiptInputSchema.safeParse({ ...sample('security-code'), changes: ['contact'] }).success).toBe(false);
  });
});
