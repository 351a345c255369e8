import type { enquiryContract } from '../../api/contracts/enquiry-contract';
import type { Handlers } from '../../api/dispatch';
import type { SessionRefusalCode } from '../auth';
import type { EnquiryService } from '../enquiry/enquiry-service';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';

const ENQUIRY_REFUSALS: RefusalTable<'forbidden' | SessionRefusalCode> = {
  ...SESSION_REFUSALS,
  forbidden: { code: 'forbidden', key: 'api.error.forbidden' },
};

/** Issue 15: the public enquiry at any counter of the service point. */
export function createEnquiryHandlers({ enquiry }: { enquiry: EnquiryService }): Pick<Handlers, keyof typeof enquiryContract> {
  return mappingRefusals(ENQUIRY_REFUSALS, {
    'enquiry.find': ({ query }) => enquiry.find(query),
  });
}
