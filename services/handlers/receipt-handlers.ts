import { receiptContract } from '../../api/contracts/receipt-contract';
import type { SessionRefusalCode } from '../auth';
import type { CoreServices } from '../core/core-deps';
import type { ReceiptRefusalCode } from '../receipts/receipt-service';
import type { AreaHandlers } from './area-handlers';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';

/** The receipt service's refusals as the clerk reads them. */
export const RECEIPT_REFUSALS: RefusalTable<ReceiptRefusalCode | SessionRefusalCode> = {
  ...SESSION_REFUSALS,
  not_found: { code: 'not_found', key: 'api.error.notFound' },
  number_not_found: { code: 'not_found', key: 'receipts.error.notFound' },
  not_yours: { code: 'forbidden', key: 'receipts.error.notYours' },
  not_submitted: { code: 'conflict', key: 'receipts.error.notSubmitted' },
  busy: { code: 'conflict', key: 'receipts.error.busy' },
  already_issued: { code: 'conflict', key: 'receipts.error.alreadyIssued' },
  not_issued: { code: 'conflict', key: 'receipts.error.notIssued' },
  incomplete: { code: 'refused', key: 'receipts.error.incomplete' },
  no_printer: { code: 'unavailable', key: 'receipts.error.noPrinter' },
  print_failed: { code: 'unavailable', key: 'receipts.error.printFailed' },
  no_sample: { code: 'internal', key: 'api.error.internal' },
  placeholder_service_point: { code: 'refused', key: 'workstation.error.receiptPlaceholder' },
};

export function createReceiptHandlers({ receipts }: Pick<CoreServices, 'receipts'>): AreaHandlers<typeof receiptContract> {
  return mappingRefusals(RECEIPT_REFUSALS, {
    'receipts.find': ({ applicationNumber }) => receipts.find(applicationNumber),
    'receipts.status': ({ applicationId }) => receipts.status(applicationId),
    'receipts.issue': ({ applicationId }) => receipts.issue(applicationId),
    'receipts.reprint': ({ applicationId }) => receipts.reprint(applicationId),
    'receipts.print': ({ applicationId, mode }) => receipts.print(applicationId, mode),
    'receipts.verify': ({ token }) => receipts.verify(token),
    'receipts.settings': () => receipts.settings(),
    'receipts.setSettings': (input) => receipts.setSettings(input),
    'receipts.printers': () => receipts.printers(),
    'receipts.preview': () => receipts.preview(),
    'receipts.workstationKey': () => receipts.workstationKey(),
  });
}
