import { createApplicationAccess, createApprovalService } from '../approval';
import { withServicePointQueue } from '../approval/service-point-approval';
import { createPulledApplications } from '../approval/pulled-applications';
import { createScanCache } from '../sync/scan-cache';
import { createAuthService, INTAKE_ROLES, type SessionState } from '../auth';
import { createUserAdmin } from '../auth/user-admin';
import { createContextBuilder, createIntakeService, createReferenceRepo } from '../intake';
import { createApplicationHistory } from '../intake/application-history';
import { createReceiptService } from '../receipts/receipt-service';
import { createDayEndService } from '../reports/day-end-service';
import { createEnablementService } from '../security-code/enablement-service';
import { createWorkstationSettings } from '../workstation/workstation-settings';
import { enrolmentState } from '../workstation/enrolment-state';
import { onReferencePulled } from '../workstation/pulled-reference';
import type { CoreDeps, CoreServices } from './core-deps';
import { isoNow } from './clock';
import { join } from 'node:path';
import { signedAuditHead } from '../reports/audit-head';
import { keyFileSigningStore, signingKeyFromSeed, SYNC_SIGNING_KEY_FILE } from '../sync/identity';

/**
 * Builds every service of the core once, from one deps object and its one clock. The services
 * call each other directly (no API in between), so a sync worker can use them as they are.
 */
export function createCoreServices(deps: CoreDeps, session: SessionState): CoreServices {
  const { store, config, clock } = deps;
  const syncKeys = deps.syncKeys ?? (deps.dataDir !== undefined ? keyFileSigningStore(join(deps.dataDir, SYNC_SIGNING_KEY_FILE)) : null);
  // Enrolled with the central server: users come by sync, read-only here.
  const managedCentrally = enrolmentState(store).isEnrolled;
  const auth = createAuthService({
    store,
    workstationId: config.workstationId,
    servicePoint: config.servicePoint.code,
    session,
    clock,
    ...(deps.trust ? { trust: deps.trust } : {}),
    managedCentrally,
    ...(deps.passwordParams ? { passwordParams: deps.passwordParams } : {}),
  });
  // Kept warm for the life of the core: the reference snapshot and the index of local
  // applications for FAQ 8 are reused between keystrokes.
  const reference = createReferenceRepo(store.db, isoNow(clock));
  // Entities and logins pulled from the central server land in the same tables (issue 15).
  onReferencePulled(store, () => reference.invalidate());
  // One assessment context for intake and review: the supervisor sees the rule results the clerk saw, FAQ 8 included (issue 13).
  const context = createContextBuilder(store, reference);
  const assessmentContext = (id: string, at: Date) => context.build(id, at);
  // The whole service point's queue: this workstation's applications and those pulled from the server (issue 15).
  const approval = withServicePointQueue(createApprovalService({ store, auth, servicePoint: config.servicePoint.code, clock, assessmentContext }), {
    store,
    auth,
    servicePoint: config.servicePoint.code,
    clock,
    scans: createScanCache(store),
    assessmentContext,
  });
  const access = createApplicationAccess({ servicePoint: approval.servicePoint, servicePointOf: approval.servicePointOf });
  const intake = createIntakeService({
    store,
    config,
    reference,
    context,
    user: () => auth.requireUser(INTAKE_ROLES),
    displayNameOf: (actor) => auth.displayNameOf(actor),
    clock,
  });
  const receipts = createReceiptService({
    store,
    config,
    user: (roles) => auth.requireUser(roles),
    clock,
    access,
    ...(deps.receiptPrinter ? { printer: deps.receiptPrinter } : {}),
    ...(deps.fontDirectory ? { fontDirectory: deps.fontDirectory } : {}),
  });
  const dayEnd = createDayEndService({
    store,
    config,
    decider: () => auth.decider(),
    servicePoint: approval.servicePoint,
    servicePointOf: approval.servicePointOf,
    clock,
    ...(deps.fontDirectory ? { fontDirectory: deps.fontDirectory } : {}),
    // Issue 12 item 12: the report prints the audit head, signed with the sync signing key when the workstation has one (the sync worker's default key file).
    auditHead: () => signedAuditHead(store, config.workstationId, syncKeys?.exists() ? signingKeyFromSeed(syncKeys.load()).sign : null),
  });
  const history = createApplicationHistory({
    store,
    user: () => auth.requireUser(),
    decider: () => auth.decider(),
    displayNameOf: (a) => auth.displayNameOf(a),
    access,
    // Applications taken in at other workstations of the service point show the server's steps (issue 15).
    pulled: createPulledApplications(store, config.servicePoint.code),
  });
  const securityCode = createEnablementService({
    store,
    reference,
    user: () => auth.requireUser(INTAKE_ROLES),
    clock,
    newId: deps.newId,
    // The person's visit receipt (issue 16): issued by this workstation, in the receipts' fonts.
    receipt: { config, ...(deps.fontDirectory ? { fontDirectory: deps.fontDirectory } : {}) },
  });
  // Sign-in checks the code the core started with; a code the administrator saved since applies at the restart.
  const runningServicePoint = config.servicePoint.code;
  const users = createUserAdmin({
    store,
    servicePoints: () => [runningServicePoint, config.servicePoint.code],
    clock,
    requireAdmin: () => auth.requireUser(['workstation_admin']),
    managedCentrally,
    ...(deps.passwordParams ? { passwordParams: deps.passwordParams } : {}),
  });
  const workstation = createWorkstationSettings({
    store,
    config,
    dataDir: deps.dataDir,
    clock,
    reference,
    requireAdmin: () => auth.requireUser(['workstation_admin']),
  });
  return { auth, approval, intake, reference, receipts, dayEnd, history, securityCode, users, workstation };
}
