import { ApiError } from '../../api/result';
import type { Application } from '../../domain/model/application';
import type { ApplicationKind, ApplicationStatus } from '../../domain/model/codes';
import { assess, type Assessment, type ReferenceEntity } from '../../domain/rules';
import { searchTerms } from '../../domain/search-terms';
import { checkTransition, neverSubmitted } from '../../domain/workflow';
import type { SignedInUser } from '../auth';
import type { WorkstationConfig } from '../core/workstation-config';
import type { ApplicationRecord, ApplicationSummary, Store } from '../store';
import type { ContextBuilder } from './assessment-context';
import { applicationNumberFor } from './application-numbering';
import { macauDay, macauDayStart } from '../../domain/macau-day';
import type { ReferenceRepo } from './reference-repo';
import { readStoredApplication, StoredApplicationError } from './stored-application';
import { stampTicks } from './tick-stamping';

const EDITABLE: readonly ApplicationStatus[] = ['draft', 'returned'];
/** Open work that stays in the clerk's list after the day it was taken in. */
const OPEN: readonly ApplicationStatus[] = ['draft', 'returned'];

export interface Duplicate {
  source: 'reference' | 'local';
  entityNumber?: string;
  applicationId?: string;
  applicationNumber?: string | null;
  names: string[];
}

export interface IntakeRecord {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  revision: number;
  applicationNumber: string | null;
  application: Application;
  assessment: Assessment;
  duplicates: Duplicate[];
  readOnly: boolean;
  tickers: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

/** The store's summary as the clerk's work list shows it: whose it is goes, synced comes. */
export type IntakeSummary = Omit<ApplicationSummary, 'createdBy'> & { synced: boolean };

export interface IntakeServiceDeps {
  store: Store;
  config: WorkstationConfig;
  reference: ReferenceRepo;
  context: ContextBuilder;
  /** The signed-in clerk or supervisor, or an ApiError. */
  user(): SignedInUser;
  displayNameOf(actor: string): string;
  clock(): Date;
}

/** The stored form, or a clear refusal: never a blank form that the next autosave would write back. */
function storedForm(rec: ApplicationRecord): Application {
  try {
    return readStoredApplication(rec.kind, rec.data);
  } catch (e) {
    if (e instanceof StoredApplicationError) throw new ApiError('unavailable', e.message, 'intake.error.unreadable');
    throw e;
  }
}

const namesOf = (e: ReferenceEntity) => [e.names.zh, e.names.pt, e.names.en].filter((n): n is string => Boolean(n));

/** The entity block of a new form for an entity that already has an account. */
function prefilledEntity(app: Application, ref: ReferenceEntity): Application {
  const [first] = ref.registrationNumbers;
  const commercial = ref.type === 'company' || ref.type === 'business_owner';
  const associative = ref.type === 'association' || ref.type === 'foundation';
  return {
    ...app,
    entity: {
      ...app.entity,
      ...(ref.type ? { type: ref.type } : {}),
      names: { ...ref.names },
      ...(first && commercial ? { commercialRegistrationNumber: first } : {}),
      ...(first && associative ? { associationRegistrationNumber: first } : {}),
      ...(ref.taxpayerNumber ? { taxpayerNumber: ref.taxpayerNumber } : {}),
      entityNumber: ref.entityNumber,
    },
    securityCode: app.kind === 'security_code' ? { ...app.securityCode, entityNumber: ref.entityNumber } : app.securityCode,
    faceRecognition: app.kind === 'face_recognition' ? { ...app.faceRecognition, entityNumber: ref.entityNumber } : app.faceRecognition,
  };
}

/**
 * Clerk intake: the form typed in, assessed on every save, submitted with its number. A user
 * sees and opens only what they took in (the next user at this workstation sees none of it).
 */
export function createIntakeService(deps: IntakeServiceDeps) {
  const { store, reference, context } = deps;
  const ackedStmt = store.db.prepare<[string], { acked: number }>('SELECT acked_at IS NOT NULL AS acked FROM applications WHERE id = ?');

  function own(id: string): { user: SignedInUser; rec: ApplicationRecord } {
    const user = deps.user();
    const rec = store.applications.get(id);
    if (!rec || rec.createdBy !== user.actor) throw new ApiError('not_found', 'No such application', 'api.error.notFound');
    return { user, rec };
  }

  function duplicatesIn(a: Assessment): Duplicate[] {
    const out: Duplicate[] = [];
    for (const r of a.requirements) {
      if (r.status !== 'missing') continue;
      if (r.id === 'entity.no-existing-account') {
        const entityNumber = String(r.message.params?.['entityNumber'] ?? '');
        const ref = reference.byEntityNumber(entityNumber);
        out.push({ source: 'reference', entityNumber, names: ref ? namesOf(ref) : [] });
      } else if (r.id === 'entity.no-pending-application') {
        const applicationId = String(r.message.params?.['applicationId'] ?? '');
        const other = context.localApplication(applicationId);
        out.push({ source: 'local', applicationId, applicationNumber: other?.applicationNumber ?? null, names: other?.names ?? [] });
      }
    }
    return out;
  }

  function toRecord(rec: ApplicationRecord): IntakeRecord {
    const application = storedForm(rec);
    const assessment = assess(application, context.build(rec.id, deps.clock()));
    const tickers: Record<string, string> = {};
    for (const t of Object.values(application.checks)) tickers[t.by] ??= deps.displayNameOf(`staff:${t.by}`);
    return {
      id: rec.id,
      kind: rec.kind,
      status: rec.status,
      revision: rec.revision,
      applicationNumber: rec.applicationNumber,
      application,
      assessment,
      duplicates: duplicatesIn(assessment),
      readOnly: !EDITABLE.includes(rec.status),
      tickers,
      createdAt: rec.createdAt,
      updatedAt: rec.updatedAt,
    };
  }

  function submit(id: string, expectedRevision: number | undefined): IntakeRecord {
    return store.db
      .transaction((): IntakeRecord => {
        const { user, rec } = own(id);
        const check = checkTransition({
          action: rec.status === 'returned' ? 'resubmit' : 'submit',
          from: rec.status,
          actor: user.actor,
          roles: user.roles,
          actors: { createdBy: rec.createdBy, editors: [], statusHistory: rec.statusHistory },
        });
        if (!check.ok) {
          if (check.code === 'wrong_state') throw new ApiError('conflict', `Application is ${rec.status}`, 'approval.error.wrongState', { status: rec.status });
          throw new ApiError('forbidden', `Submit refused: ${check.code}`, 'approval.error.wrongRole');
        }
        if (expectedRevision !== undefined && expectedRevision !== rec.revision) {
          throw new ApiError('conflict', `Application is at revision ${rec.revision}`, 'intake.error.stale');
        }
        const current = toRecord(rec);
        // FAQ 8 first: the clerk offers a change of data instead, whatever else is missing.
        if (current.duplicates.length > 0)
          throw new ApiError('refused', 'The entity already has an account or a pending application', 'intake.error.duplicate');
        if (current.assessment.blockingCount > 0) {
          throw new ApiError('refused', 'The assessment has blocking items', 'intake.error.blocking', { count: current.assessment.blockingCount });
        }
        // A returned application keeps the number it was first submitted with.
        let applicationNumber = rec.applicationNumber ?? undefined;
        if (applicationNumber === undefined) {
          const day = macauDay(deps.clock());
          applicationNumber = applicationNumberFor(deps.config, day, store.sequences.nextSequence(day));
          if (applicationNumber === undefined)
            throw new ApiError('unavailable', 'This workstation cannot make an application number', 'intake.error.numbering');
        }
        // setStatus writes the status history, the outbox row and the audit entry in this transaction.
        return toRecord(store.applications.setStatus(id, { status: check.to, actor: user.actor, applicationNumber }));
      })
      .immediate();
  }

  /**
   * Issue 5 "no dead ends": a draft blocked by FAQ 8 or started by mistake would otherwise sit
   * in the work list for ever. Only the clerk who took it in, only a draft never submitted: once
   * submitted it has a number and is in the supervisor's process (returned → correct, resubmit).
   * setStatus writes the history, the audit `discard` entry and the outbox row (sync tells the
   * central API) in this transaction. Scans stay until retention purges them like any
   * acknowledged application's: the audit trail and hashes keep pointing at real files until then.
   */
  function discard(id: string, expectedRevision: number): { id: string; status: 'discarded' } {
    return store.db
      .transaction(() => {
        const { user, rec } = own(id);
        const check = checkTransition({
          action: 'discard',
          from: rec.status,
          actor: user.actor,
          roles: user.roles,
          actors: { createdBy: rec.createdBy, editors: [], statusHistory: rec.statusHistory },
        });
        if (!check.ok) {
          if (check.code === 'wrong_state')
            throw new ApiError('refused', `Application is ${rec.status}`, 'intake.error.discardSubmitted', { status: rec.status });
          throw new ApiError('forbidden', `Discard refused: ${check.code}`, 'approval.error.wrongRole');
        }
        // A status alone cannot tell: a form once submitted stays out of reach whatever its status.
        if (!neverSubmitted(rec.statusHistory))
          throw new ApiError('refused', 'The application was submitted once', 'intake.error.discardSubmitted', { status: rec.status });
        if (expectedRevision !== rec.revision) throw new ApiError('conflict', `Application is at revision ${rec.revision}`, 'intake.error.stale');
        store.applications.setStatus(id, { status: 'discarded', actor: user.actor });
        return { id, status: 'discarded' as const };
      })
      .immediate();
  }

  return {
    create(kind: ApplicationKind, entityNumber: string | undefined): IntakeRecord {
      const user = deps.user();
      let app = readStoredApplication(kind, { kind });
      if (entityNumber !== undefined) {
        const ref = reference.byEntityNumber(entityNumber);
        if (!ref) throw new ApiError('not_found', 'No entity with this number in the reference data', 'intake.error.unknownEntity');
        app = prefilledEntity(app, ref);
      }
      return toRecord(store.applications.createDraft({ kind, data: app, search: searchTerms(app), actor: user.actor }));
    },

    get: (id: string): IntakeRecord => toRecord(own(id).rec),

    save(id: string, expectedRevision: number, incoming: Application): IntakeRecord {
      const { user, rec } = own(id);
      if (!EDITABLE.includes(rec.status)) throw new ApiError('refused', `Application is ${rec.status}`, 'intake.error.readOnly', { status: rec.status });
      if (expectedRevision !== rec.revision) throw new ApiError('conflict', `Application is at revision ${rec.revision}`, 'intake.error.stale');
      if (incoming.kind !== rec.kind) throw new ApiError('invalid_input', 'The kind of an application cannot change', 'intake.error.kindChanged');
      const stored = storedForm(rec);
      const app: Application = { ...incoming, checks: stampTicks(stored.checks, incoming.checks, user.staffNumber, deps.clock().toISOString()) };
      return toRecord(store.applications.saveDraft(id, { data: app, search: searchTerms(app), actor: user.actor, expectedRevision }));
    },

    submit: (id: string, expectedRevision?: number) => submit(id, expectedRevision),

    discard,

    /** Today's applications and open ones (draft, returned); with a query, any of the caller's that match. */
    list(input: { query?: string | undefined; statuses?: ApplicationStatus[] | undefined; limit?: number | undefined }): IntakeSummary[] {
      const user = deps.user();
      const limit = input.limit ?? 200;
      const wanted = (s: ApplicationStatus) => !input.statuses || input.statuses.length === 0 || input.statuses.includes(s);
      const query = input.query?.trim() ?? '';
      const found =
        query !== ''
          ? store.applications.search(query, 500, user.actor)
          : [
              ...store.applications.list({ createdBy: user.actor, since: macauDayStart(deps.clock()), limit: 10_000 }),
              ...store.applications.list({ createdBy: user.actor, statuses: [...OPEN], limit: 10_000 }),
            ];
      const seen = new Set<string>();
      const out: IntakeSummary[] = [];
      for (const s of found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id))) {
        // Discarded drafts leave the work list for good, even when a search matches them.
        if (seen.has(s.id) || s.createdBy !== user.actor || s.status === 'discarded' || !wanted(s.status)) continue;
        seen.add(s.id);
        out.push({
          id: s.id,
          kind: s.kind,
          status: s.status,
          applicationNumber: s.applicationNumber,
          entityNames: s.entityNames,
          createdAt: s.createdAt,
          updatedAt: s.updatedAt,
          synced: ackedStmt.get(s.id)?.acked === 1,
        });
        if (out.length >= limit) break;
      }
      return out;
    },

    findEntities(query: string): ReferenceEntity[] {
      deps.user();
      return reference.find(query, 20);
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
