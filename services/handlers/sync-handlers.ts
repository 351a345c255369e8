import type { syncContract } from '../../api/contracts/sync-contract';
import type { Handlers } from '../../api/dispatch';
import { ApiError } from '../../api/result';
import type { SessionRefusalCode } from '../auth';
import type { CoreServices } from '../core/core-deps';
import type { Store } from '../store';
import type { SyncWorker } from '../sync/sync-worker';
import { detailsView, statusView } from '../sync/sync-view';
import { SyncCallError } from '../sync/http-link';
import { tlsMismatchAsRefusal, withPinnedServer, type EnrolmentRefusalCode } from '../sync/enrolment';
import type { PinnedServer } from '../workstation/machine-config';
import { mappingRefusals, type RefusalTable } from './refusal-table';
import { SESSION_REFUSALS } from './session-refusals';

// Issue 12 item 2: a server other than the one the machine configuration pins, said as such.
const SYNC_REFUSALS: RefusalTable<SessionRefusalCode | EnrolmentRefusalCode> = {
  ...SESSION_REFUSALS,
  enrolment_server_key_mismatch: { code: 'refused', key: 'hardening.enrolment.serverKeyMismatch' },
  enrolment_tls_key_mismatch: { code: 'refused', key: 'hardening.enrolment.tlsKeyMismatch' },
  enrolment_needs_https: { code: 'invalid_input', key: 'hardening.enrolment.needsHttps' },
  enrolment_machine_config_untrusted: { code: 'refused', key: 'hardening.enrolment.machineConfigUntrusted' },
};

// The status is counts only (shown on the sign-in screen too); the details name applications,
// so they need a signed-in user; enrolment is the workstation administrator's.
export function createSyncHandlers(
  { sync, store, pinnedServer }: { sync: SyncWorker; store: Store; pinnedServer?: PinnedServer | 'untrusted' | null },
  { auth, workstation, receipts }: Pick<CoreServices, 'auth' | 'workstation' | 'receipts'>,
): Pick<Handlers, keyof typeof syncContract> {
  const labelOf = (staffNumber: string) => auth.displayNameOf(`staff:${staffNumber}`);
  return mappingRefusals(SYNC_REFUSALS, {
    'sync.status': () => statusView(sync, labelOf),
    'sync.retryNow': () => {
      sync.retryNow();
      return statusView(sync, labelOf);
    },
    'sync.details': () => {
      auth.requireUser();
      return detailsView(sync, store);
    },
    'sync.enrol': async (input) => {
      const admin = auth.requireUser(['workstation_admin']);
      try {
        // The machine configuration's pinned server keys override what is typed (issue 12 item 2).
        const pinned = withPinnedServer(input, pinnedServer);
        // Unreachable address, another TLS key or a clock the server would refuse: said as such, before the code is spent.
        await workstation.enrolmentPreflight(pinned.serverUrl, pinned.tlsSpkiSha256 ?? null);
        // The receipt-signing key goes with it: the server hands it to the service point's other
        // counters, so a receipt printed here verifies there (issue 15).
        await sync
          .enrol({ ...pinned, receiptPublicKey: receipts.workstationKey().publicKey })
          .catch((e: unknown) => Promise.reject(tlsMismatchAsRefusal(e, pinned.tlsSpkiSha256)));
      } catch (e) {
        if (e instanceof SyncCallError && e.refusal?.code === 'enrolment_code_invalid') {
          throw new ApiError('invalid_input', e.message, 'sync.error.enrolment_code_invalid');
        }
        if (e instanceof SyncCallError && e.refusal?.code === 'clock_skew') {
          throw new ApiError('refused', e.message, 'sync.error.clock_skew', { serverTime: String(e.refusal.params?.serverTime ?? '') });
        }
        if (e instanceof SyncCallError) throw new ApiError('unavailable', e.message, 'sync.status.error.network');
        throw e;
      }
      // The service point code and names the server answered: receipts print them at once (issue 15).
      workstation.adoptEnrolledServicePoint(admin.actor);
      return statusView(sync, labelOf);
    },
  });
}
