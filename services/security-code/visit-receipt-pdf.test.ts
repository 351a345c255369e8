import { describe, expect, it } from 'vitest';
import type { VisitReceiptData } from '../../domain/security-code/visit-receipt-content';
import { decodeQr, pdfToText, renderPage1 } from '../receipts/__fixtures__/pdf-tools';
import { verifyReceiptToken } from '../receipts/receipt-token';
import { SAMPLE_WORKSTATION_KEY } from '../receipts/sample-signing-key';
import { renderVisitReceipt } from './visit-receipt-pdf';

// Issue 16 item 3: the visit receipt as the person takes it away — drawn by the receipts'
// painter, its lines readable back from the PDF, its QR read by zbarimg and verified as this
// workstation's signature, on A4 and the 80 mm roll.

const known = [{ workstationId: SAMPLE_WORKSTATION_KEY.workstationId, publicKey: SAMPLE_WORKSTATION_KEY.publicKey }];
const data: VisitReceiptData = {
  reference: `EID-${SAMPLE_WORKSTATION_KEY.workstationId}-20261123-0A1B2C3D`,
  issuedAt: '2026-11-23T03:15:00.000Z',
  servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' },
  workstationId: SAMPLE_WORKSTATION_KEY.workstationId,
  clerkStaffNumber: 'C1',
  idShown: { type: 'hk_id', numberMasked: '****56(3)' },
  records: [
    { tool: 'security_code', state: 'confirmed', entityNumber: '500123', staffLoginId: 'lee.hk' },
    { tool: 'security_code', state: 'queued', entityNumber: '500777', staffLoginId: 'lee.hk' },
  ],
};

describe.each(['a4', 'thermal80'] as const)('the visit receipt PDF on %s', (paper) => {
  it('lists each entity with its state and says queued lines complete at sync; the QR verifies', async () => {
    const { pdf, token } = await renderVisitReceipt(data, { signingKey: SAMPLE_WORKSTATION_KEY, paper, english: false });
    // pdftotext breaks long lines where the layout wraps them: compare without whitespace.
    const text = pdfToText(pdf).replace(/\s+/g, '');
    expect(text).toContain(data.reference);
    expect(text).toContain('啟用安全驗證碼：實體500123');
    expect(text).toContain('已完成');
    expect(text).toContain('實體500777');
    expect(text).toContain('待與中央系統同步後完成');
    expect(text).toContain('conclui-senasincronização');
    expect(text).toContain('****56(3)');
    expect(text).toContain('23/11/202611:15');
    const decoded = decodeQr(renderPage1(pdf, 200));
    expect(decoded).toEqual([token]);
    const v = verifyReceiptToken(decoded[0], known);
    expect(v.status).toBe('valid');
    expect(v.status === 'valid' && v.details.applicationNumber).toBe(data.reference);
  }, 30_000);
});
