import type { servicePointContract } from '../../api/contracts/service-point-contract';
import type { Handlers } from '../../api/dispatch';
import type { ScanDownload } from '../approval/scan-download';
import { mappingRefusals, type RefusalTable } from './refusal-table';

const SCAN_DOWNLOAD_REFUSALS: RefusalTable<'wrong_role' | 'not_found'> = {
  wrong_role: { code: 'forbidden', key: 'approval.error.wrongRole' },
  not_found: { code: 'not_found', key: 'api.error.notFound' },
};

/** A supervisor's review fetches a pulled application's scans: validate → call → map. */
export function createServicePointHandlers(scanDownload: ScanDownload): Pick<Handlers, keyof typeof servicePointContract> {
  return mappingRefusals(SCAN_DOWNLOAD_REFUSALS, {
    'approval.fetchScans': ({ id, retry }) => scanDownload.progress(id, { retry: retry === true }),
  });
}
