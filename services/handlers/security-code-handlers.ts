import type { securityCodeContract } from '../../api/contracts/security-code-contract';
import type { Handlers } from '../../api/dispatch';
import { ApiError } from '../../api/result';
import { enablementReceiptLine } from '../../domain/security-code/receipt-lines';
import type { CoreServices } from '../core/core-deps';

/**
 * Issue 16 (FAQ 18, 19): the e-ID tool calls; the service checks who is signed in. Typed from
 * the joined contract's parsed output, where message keys are narrowed to catalog keys.
 */
export function createSecurityCodeHandlers({ securityCode }: Pick<CoreServices, 'securityCode'>): Pick<Handlers, keyof typeof securityCodeContract> {
  return {
    'securityCode.verify': (input) => securityCode.verify(input),
    'securityCode.enable': (input) => securityCode.enable(input),
    'faceRecognition.find': (input) => securityCode.findFaceRecognition(input),
    'faceRecognition.reenable': (input) => securityCode.reenableFaceRecognition(input),
    'enablements.today': () => ({ records: securityCode.today() }),
    'enablements.receipt': ({ visitId }) => {
      const records = securityCode.visit(visitId);
      if (records.length === 0) throw new ApiError('not_found', 'No such visit', 'eid.error.visitNotFound');
      return { visitId, records, lines: records.map(enablementReceiptLine) };
    },
    'enablements.receiptPdf': async ({ visitId }) => {
      const file = await securityCode.visitReceipt(visitId);
      if (!file) throw new ApiError('not_found', 'No such visit', 'eid.error.visitNotFound');
      return file;
    },
  };
}
