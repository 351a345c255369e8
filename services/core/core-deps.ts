import type { ApprovalService } from '../approval';
import type { AuthService, PasswordParams } from '../auth';
import type { UserAdmin } from '../auth/user-admin';
import type { IntakeService, ReferenceRepo } from '../intake';
import type { ApplicationHistory } from '../intake/application-history';
import type { ReceiptPrinter } from '../receipts/receipt-printing';
import type { ReceiptService } from '../receipts/receipt-service';
import type { DayEndService } from '../reports/day-end-service';
import type { ScannerTray } from '../scanner-folder/scanner-tray';
import type { EnablementService } from '../security-code/enablement-service';
import type { Store } from '../store';
import type { Clock, IdGenerator } from './clock';
import type { WorkstationConfig } from './workstation-config';
import type { WorkstationSettings } from '../workstation/workstation-settings';
import type { TrustAnchors } from '../workstation/machine-config';
import type { SigningKeyStore } from '../sync/identity';

// What the composition root builds the services from, and the services it hands to the
// handlers. Its own module, importing no handler: handlers depend on the core's types, the
// core on the handlers' factories, never the reverse.

export interface CoreDeps {
  store: Store;
  config: WorkstationConfig;
  /** Where workstation.json lives: the administrator's settings are written there (issue 13). */
  dataDir?: string;
  version: string;
  /** The one clock of the core: the store, sessions, intake, approval, receipts, reports and retention read it. */
  clock: Clock;
  newId: IdGenerator;
  fontDirectory?: string;
  /** Cheap argon2id parameters in tests; absent = PASSWORD_PARAMS. */
  passwordParams?: PasswordParams;
  /** Silent receipt printing, provided by Electron; absent in the harness. */
  receiptPrinter?: ReceiptPrinter;
  /** The watched scanner folder, when this workstation has one. */
  tray?: { folder: string; tray: ScannerTray };
  /** From the machine-wide configuration only the OS administrator writes (issue 12 item 2); absent: nothing pinned, no first-run set-up. */
  trust?: TrustAnchors;
  /** The workstation's sync signing key (the day-end report signs its audit head with it); absent: the key file in dataDir. */
  syncKeys?: SigningKeyStore;
}

/** Every service of the core, built once per core (one workstation, one signed-in session). */
export interface CoreServices {
  auth: AuthService;
  approval: ApprovalService;
  intake: IntakeService;
  reference: ReferenceRepo;
  receipts: ReceiptService;
  dayEnd: DayEndService;
  history: ApplicationHistory;
  /** Issue 16: security code (FAQ 19) and face recognition re-enable (FAQ 18); the sync worker reports the server's answers to it. */
  securityCode: EnablementService;
  /** Issue 13: the workstation administrator's user management (standalone workstation). */
  users: UserAdmin;
  /** Issue 13: the workstation administrator's service point, workstation id and scanner folder. */
  workstation: WorkstationSettings;
}
