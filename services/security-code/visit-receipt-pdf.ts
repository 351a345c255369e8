import { sign } from 'node:crypto';
import { assembleReceiptToken, encodeReceiptClaims, receiptSignedMessage } from '../../domain/receipt/receipt-token';
import type { PaperSize } from '../../domain/receipt/receipt-input';
import { RECEIPT_LAYOUTS } from '../../domain/receipt/receipt-layout';
import { buildVisitReceiptContent, type VisitReceiptData } from '../../domain/security-code/visit-receipt-content';
import { qrMatrix } from '../receipts/qr-drawing';
import { loadReceiptFonts } from '../receipts/receipt-fonts';
import { receiptHash } from '../receipts/receipt-token';
import { paintReceiptPdf } from '../receipts/render-receipt-pdf';
import { privateKeyObject, type WorkstationSigningKey } from '../receipts/workstation-keys';

// Issue 16 item 3: the person's receipt for an e-ID tools visit, drawn by the application
// receipt's painter (same layouts for A4 and the 80 mm roll, same font subset, same QR) and
// signed by this workstation's receipt key in the same token format, so the verify screen
// tells a genuine one from a forged one. What the token binds: the reference, the time, the
// workstation, the entity numbers and every line's state.

export interface RenderVisitReceiptOptions {
  signingKey: WorkstationSigningKey;
  paper: PaperSize;
  english: boolean;
  fontDirectory?: string;
}

/** The token's two hashes, over canonical text (one entity / one line per row). */
export function visitReceiptHashes(data: VisitReceiptData): { entityNameHash: Uint8Array; checklistHash: Uint8Array } {
  return {
    entityNameHash: receiptHash(data.records.map((r) => r.entityNumber).join('\n')),
    checklistHash: receiptHash(data.records.map((r) => [r.tool, r.entityNumber, r.staffLoginId, r.state].join('|')).join('\n')),
  };
}

export async function renderVisitReceipt(data: VisitReceiptData, o: RenderVisitReceiptOptions): Promise<{ pdf: Buffer; token: string }> {
  const payload = encodeReceiptClaims({
    applicationNumber: data.reference,
    issuedAtSeconds: Math.floor(Date.parse(data.issuedAt) / 1000),
    workstationId: o.signingKey.workstationId,
    ...visitReceiptHashes(data),
  });
  const token = assembleReceiptToken(payload, new Uint8Array(sign(null, receiptSignedMessage(payload), privateKeyObject(o.signingKey.privateKey))));
  const layout = RECEIPT_LAYOUTS[o.paper];
  const content = buildVisitReceiptContent(data, { english: o.english });
  const fonts = loadReceiptFonts(o.fontDirectory);
  const pdf = await paintReceiptPdf({
    title: `${data.reference} 電子身份識別工具辦理收據 Recibo`,
    author: data.servicePoint.code,
    issuedAt: data.issuedAt,
    regularFont: fonts.regular,
    layout,
    qr: qrMatrix(token),
    reference: data.reference,
    blocks: content.blocks,
  });
  return { pdf, token };
}
