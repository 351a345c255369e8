import { createDispatcher, type Dispatch, type Handlers } from '../../api/dispatch';
import { createClerkAtWork } from './clerk-at-work';
import { openStore, type Store } from '../store';
import { loadOrCreateWorkstationConfig, type WorkstationConfig } from './workstation-config';
import { createAppHandlers } from '../handlers/app-handlers';
import { AUTH_REFUSALS } from '../handlers/auth-handlers';
import { mappingRefusals } from '../handlers/refusal-table';
import { systemClock, randomIds, type Clock } from './clock';
import type { CoreDeps, CoreServices } from './core-deps';
import { createCoreServices } from './core-services';
import { createAuthHandlers } from '../handlers/auth-handlers';
import { createApprovalHandlers } from '../handlers/approval-handlers';
import { createIntakeHandlers } from '../handlers/intake-handlers';
import { createReceiptHandlers } from '../handlers/receipt-handlers';
import type { ReceiptPrinter } from '../receipts/receipt-printing';
import { createSessionState, type SessionOptions } from '../auth';
import { createAttachmentHandlers } from '../handlers/attachment-handlers';
import { ScannerTray } from '../scanner-folder/scanner-tray';
import { createHistoryHandlers } from '../handlers/history-handlers';
import { createUsersHandlers } from '../handlers/users-handlers';
import { createSecurityCodeHandlers } from '../handlers/security-code-handlers';
import { startPeriodicPurge } from '../store/retention';
import { join } from 'node:path';
import { createSyncWorker } from '../sync/sync-worker';
import { keyFileSigningStore, SYNC_SIGNING_KEY_FILE, type SigningKeyStore } from '../sync/identity';
import { createSyncHandlers } from '../handlers/sync-handlers';
import { createServicePointHandlers } from '../handlers/service-point-handlers';
import { createScanDownload } from '../approval/scan-download';
import { createScanCache } from '../sync/scan-cache';
import { createScanFetcher } from '../sync/scan-fetch';
import { createWorkstationHandlers } from '../handlers/workstation-handlers';
import { createApplicationAccess } from '../approval/application-access';
import { createEnquiryService } from '../enquiry/enquiry-service';
import { createServerSearch } from '../enquiry/server-search';
import { createEnquiryHandlers } from '../handlers/enquiry-handlers';
import { machineConfigPath, readMachinePolicy, trustAnchorsFrom } from '../workstation/machine-config';

export interface AppCoreOptions {
  /** Where the encrypted database, scans and workstation config live. */
  dataDir: string;
  /** 32-byte database key: unwrapped by safeStorage in Electron, read from a 0600 key file in the harness. */
  key: Buffer;
  /** A key left by an interrupted rotation (resolveKeyFile): scans re-wrapped before the cut still open. */
  otherKeys?: Buffer[];
  version: string;
  log?: (msg: string, err?: unknown) => void;
  /** Receipt and report fonts (resources/fonts); the packaged app passes process.resourcesPath/fonts. */
  fontDirectory?: string;
  /** The core's one clock (store, sessions, intake, approval, receipts, reports, scanner tray, retention); default the machine's. */
  clock?: Clock;
  /** Password-hashing cost (tests shorten it) and, for older callers, `clock` (same as the top-level `clock`). */
  session?: SessionOptions;
  /** Silent receipt printing, provided by Electron; absent in the harness (the PDF is downloaded). */
  receiptPrinter?: ReceiptPrinter;
  /** Watched scanner folder; overrides the workstation config (harness: COUNTERDESK_SCANNER_DIR). */
  scannerFolder?: string;
  /** How often retention purges acknowledged scans past their date (default hourly; tests shorten it). */
  retentionIntervalMs?: number;
  /** Where the sync signing key lives: Electron passes the seed main unwrapped (inMemorySigningStore); default a 0600 key file in dataDir. */
  syncSigningKeys?: SigningKeyStore;
  /** The audit chain's HMAC key: Electron passes the one main unwrapped from the OS key store; default a 0600 key file in dataDir. */
  auditKey?: Buffer;
  /**
   * The machine-wide configuration (issue 12 item 2; README "Machine-wide configuration"): its
   * path (default: the platform's, services/workstation/machine-config.ts), whether a file the
   * app's user could write is refused (the installed app), and whether, without a setup code in
   * it, this run may make one for `setupCode` (the harness and unpackaged runs print it).
   */
  machineConfig?: { path?: string; requireReadOnly?: boolean; allowStartConsoleCode?: boolean };
}

export interface AppCore {
  dispatch: Dispatch;
  config: WorkstationConfig;
  store: Store;
  /** The services the handlers call, for in-process callers such as a sync worker (no API layer in between). */
  services: CoreServices;
  /** The core's one clock: in-process callers stamp with it too. */
  clock: Clock;
  /** The one-time first-run setup code of this run, while the workstation has no user and the machine configuration sets none; for whoever started the core to print. */
  setupCode: string | null;
  close(): void;
}

/**
 * Everything the app does, as plain Node: both the Electron shell and the browser harness
 * build exactly one of these and hand `dispatch` to their transport.
 */
export function createAppCore(opts: AppCoreOptions): AppCore {
  const config = loadOrCreateWorkstationConfig(opts.dataDir);
  // One clock for everything: two clocks once made the suite fail on any later date.
  const clock = opts.clock ?? opts.session?.clock ?? systemClock;
  const store = openStore({
    dir: opts.dataDir,
    key: opts.key,
    otherKeys: opts.otherKeys ?? [],
    workstationId: config.workstationId,
    clock,
    ...(opts.auditKey ? { auditKey: opts.auditKey } : {}),
  });
  const machine = opts.machineConfig ?? {};
  const policy = readMachinePolicy(machine.path ?? machineConfigPath(), { requireReadOnly: machine.requireReadOnly ?? false });
  if (policy.state === 'invalid' || policy.state === 'writable') opts.log?.(`machine configuration ${policy.path} not used (${policy.state})`);
  const { trust, startConsoleCode } = trustAnchorsFrom(policy, { allowStartConsoleCode: machine.allowStartConsoleCode ?? true });
  const scannerFolder = opts.scannerFolder ?? config.scannerFolder;
  const tray = scannerFolder ? new ScannerTray({ folder: scannerFolder, clock }) : null;
  const syncKeys = opts.syncSigningKeys ?? keyFileSigningStore(join(opts.dataDir, SYNC_SIGNING_KEY_FILE));
  const deps: CoreDeps = {
    store,
    config,
    dataDir: opts.dataDir,
    version: opts.version,
    clock,
    newId: randomIds,
    ...(opts.fontDirectory ? { fontDirectory: opts.fontDirectory } : {}),
    ...(opts.session?.passwordParams ? { passwordParams: opts.session.passwordParams } : {}),
    ...(opts.receiptPrinter ? { receiptPrinter: opts.receiptPrinter } : {}),
    ...(scannerFolder && tray ? { tray: { folder: scannerFolder, tray } } : {}),
    trust,
    syncKeys,
  };
  // One session per core: a workstation has one signed-in user (plus an elevated supervisor).
  const session = createSessionState({ ...opts.session, clock });
  const services = createCoreServices(deps, session);
  tray?.start();
  // Sync runs in this (the core's) process, never on a UI thread; it sleeps until enrolled.
  const clerk = createClerkAtWork();
  const sync = createSyncWorker({
    store,
    keys: syncKeys,
    clock,
    clerkAtWork: clerk.atWork,
    pinnedServer: trust.centralServer ?? null,
    ...(opts.log ? { log: opts.log } : {}),
  });
  sync.start();
  // Issue 14: a person who proves their password here is signed in to the central server through this workstation (docs/sync-protocol.md §4).
  services.auth.observeSignIns({
    proven: (staff, password) => {
      if (sync.enrolled()) void sync.signedIn(staff, password);
    },
    ended: (staff) => sync.signedOut(staff),
  });
  // Scans of applications taken in at other workstations, fetched when a supervisor opens one (issue 15).
  const fetchedScans = createScanCache(store);
  // Copies of the server's scans, under retention with this workstation's own; what a crash left behind goes at start.
  const purgeFetchedScans = () => fetchedScans.purgeExpired(config.servicePoint.code, clock());
  try {
    fetchedScans.sweepOrphans();
    purgeFetchedScans();
  } catch (e) {
    opts.log?.('fetched scans: housekeeping failed; retried at the next purge', e);
  }
  const scanDownload = createScanDownload({
    store,
    auth: services.auth,
    servicePoint: config.servicePoint.code,
    fetcher: createScanFetcher({ cache: fetchedScans, source: sync, ...(opts.log ? { log: opts.log } : {}) }),
  });
  // The public enquiry (issue 15): the central server's search when enrolled and answering, else what this workstation holds.
  const enquiry = createEnquiryService({
    store,
    user: () => services.auth.requireUser(),
    access: createApplicationAccess({ servicePoint: services.approval.servicePoint, servicePointOf: services.approval.servicePointOf }),
    servicePoint: services.approval.servicePoint,
    displayNameOf: (a) => services.auth.displayNameOf(a),
    remote: createServerSearch({ store, keys: syncKeys, clock }),
    clock,
  });
  const purging = startPeriodicPurge(
    () => {
      store.retention.purgeExpired();
      purgeFetchedScans();
    },
    opts.retentionIntervalMs ?? 3_600_000,
    opts.log,
  );
  // Auth's refusals said once more around every area: a handler that checks the signed-in user
  // itself (security code, attachments) says them as auth does.
  const handlers: Handlers = mappingRefusals(AUTH_REFUSALS, {
    ...createAppHandlers(deps),
    ...createAuthHandlers(services),
    ...createApprovalHandlers(services),
    ...createIntakeHandlers(services),
    ...createReceiptHandlers(services),
    ...createAttachmentHandlers(deps, services, deps.tray ? { tray: deps.tray } : {}),
    ...createHistoryHandlers(services),
    ...createSecurityCodeHandlers(services),
    ...createUsersHandlers(services),
    ...createSyncHandlers({ sync, store, pinnedServer: trust.centralServer ?? null }, services),
    ...createServicePointHandlers(scanDownload),
    ...createWorkstationHandlers(services),
    ...createEnquiryHandlers({ enquiry }),
  });
  return {
    dispatch: watchingCalls(createDispatcher(handlers, opts.log), clerk.saw),
    config,
    store,
    services,
    clock,
    setupCode: services.auth.status().setupNeeded ? startConsoleCode : null,
    close: () => {
      tray?.stop();
      purging.stop();
      void sync.close();
      store.close();
    },
  };
}

export type { CoreDeps, CoreServices } from './core-deps';

/** Every call, whichever transport brought it, is seen before it is dispatched. */
const watchingCalls =
  (dispatch: Dispatch, saw: (method: string) => void): Dispatch =>
  (method, input, ctx) => {
    saw(method);
    return dispatch(method, input, ctx);
  };
