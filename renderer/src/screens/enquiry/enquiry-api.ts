import type { enquiryContract, EnquiryAnswer, EnquiryResult } from '../../../../api/contracts/enquiry-contract';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';

/** The enquiry call, typed from its own contract (the same client as `api`). */
export const enquiryApi: AreaClient<typeof enquiryContract> = api;
export type { EnquiryAnswer, EnquiryResult };
