import type { AuthService } from '../auth';
import { Refusal } from '../core/refusal';
import type { Store } from '../store';
import type { ScanFetcher, ScanFetchProgress } from '../sync/scan-fetch';
import { createPulledApplications } from './pulled-applications';
import { neverSubmitted } from '../../domain/workflow/application-workflow';

// "Fetching scans from the central system: 3 of 5 MB": the review of an application taken in
// at another workstation asks here until its scans are on this workstation. Only a supervisor
// reviewing this service point's applications may start a download.

export function createScanDownload(deps: { store: Store; auth: AuthService; servicePoint: string; fetcher: ScanFetcher | null }) {
  const pulled = createPulledApplications(deps.store, deps.servicePoint);
  return {
    progress(id: string, o: { retry?: boolean } = {}): ScanFetchProgress {
      const who = deps.auth.decider();
      if (!who.user.roles.includes('supervisor')) throw new Refusal('wrong_role', 'Only supervisors review');
      const a = pulled.get(id);
      if (!a) {
        // This workstation's own application: its scans are here already.
        // (Not a clerk's never-submitted draft: to a supervisor that does not exist, issue 12 item 5.)
        const own = deps.store.applications.get(id);
        if (own && !neverSubmitted(own.statusHistory)) return { state: 'done', scans: 0, fetched: 0, doneBytes: 0, totalBytes: 0, error: null };
        throw new Refusal('not_found', 'No such application');
      }
      if (!deps.fetcher) {
        return { state: 'failed', scans: a.blobs.length, fetched: 0, doneBytes: 0, totalBytes: 0, error: { messageKey: 'sync.bar.notConfigured' } };
      }
      return deps.fetcher.fetch(id, a.blobs, o);
    },
  };
}

export type ScanDownload = ReturnType<typeof createScanDownload>;
