import type { Application } from '../../domain/model/application';
import type { ApplicationKind, ApplicationStatus } from '../../domain/model/codes';
import { assess, type Assessment, type ReferenceEntity } from '../../domain/rules';
import { searchTerms } from '../../domain/search-terms';
import { checkTransition, EDITABLE_STATUSES, isEditable, neverSubmitted, type WorkflowRefusal } from '../../domain/workflow';
import type { SignedInUser } from '../auth';
import { Refusal } from '../core/refusal';
import type { WorkstationConfig } from '../core/workstation-config';
import type { ApplicationRecord, ApplicationSummary, Store } from '../store';
import type { ContextBuilder } from './assessment-context';
import { applicationNumberFor } from './application-numbering';
import { macauDay, macauDayStart } from '../../domain/macau-day';
import type { ReferenceRepo } from './reference-repo';
import { createApplicationRepository, type ApplicationRepository } from './application-repository';
import { readStoredApplication, StoredApplicationError } from './stored-application';
import { stampTicks } from './tick-stamping';
import { scansBySlot, withStoredScans } from '../attachments/scan-list';

/** Why intake said no; services/handlers/intake-handlers.ts says it to the clerk. */
export type IntakeRefusalCode =
  | WorkflowRefusal['code']
  | 'not_found'
  | 'read_only'
  | 'stale'
  | 'kind_changed'
  | 'unreadable'
  | 'duplicate'
  | 'blocking'
  | 'numbering'
  | 'unknown_entity'
  | 'discard_submitted';

const refusal = (code: IntakeRefusalCode, message: string, params?: Record<string, string | number>) => new Refusal(code, message, params);

/** Open work that stays in the clerk's list after the day it was taken in: what the clerk may still edit. */
const OPEN: readonly ApplicationStatus[] = EDITABLE_STATUSES;

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
  /** The signed-in clerk or supervisor, or the auth service's refusal. */
  user(): SignedInUser;
  displayNameOf(actor: string): string;
  clock(): Date;
}

/** The stored form, or a clear refusal: never a blank form that the next autosave would write back. */
function storedForm(repo: ApplicationRepository, rec: ApplicationRecord): Application {
  try {
    return repo.applicationOf(rec);
  } catch (e) {
    if (e instanceof StoredApplicationError) throw refusal('unreadable', e.message);
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
  const repo = createApplicationRepository(store);
  const ackedStmt = store.db.prepare<[string], { acked: number }>('SELECT acked_at IS NOT NULL AS acked FROM applications WHERE id = ?');

  function own(id: string): { user: SignedInUser; rec: ApplicationRecord } {
    const user = deps.user();
    const rec = store.applications.get(id);
    if (!rec || rec.createdBy !== user.actor) throw refusal('not_found', 'No such application');
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
    const application = storedForm(repo, rec);
    const assessment = assess(application, context.build(rec.id, deps.clock()));
    const tickers: Record<string, string> = {};
    for (const t of [...Object.values(application.checks), ...Object.values(application.distinctEntities ?? {})])
      tickers[t.by] ??= deps.displayNameOf(`staff:${t.by}`);
    return {
      id: rec.id,
      kind: rec.kind,
      status: rec.status,
      revision: rec.revision,
      applicationNumber: rec.applicationNumber,
      application,
      assessment,
      duplicates: duplicatesIn(assessment),
      readOnly: !isEditable(rec.status),
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
        if (!check.ok) throw refusal(check.code, `Submit refused: ${check.code}`, check.code === 'wrong_state' ? { status: rec.status } : undefined);
        if (expectedRevision !== undefined && expectedRevision !== rec.revision) {
          throw refusal('stale', `Application is at revision ${rec.revision}`);
        }
        const current = toRecord(rec);
        // FAQ 8 first: the clerk offers a change of data instead, whatever else is missing.
        if (current.duplicates.length > 0) throw refusal('duplicate', 'The entity already has an account or a pending application');
        if (current.assessment.blockingCount > 0) {
          throw refusal('blocking', 'The assessment has blocking items', { count: current.assessment.blockingCount });
        }
        // A returned application keeps the number it was first submitted with.
        let applicationNumber = rec.applicationNumber ?? undefined;
        if (applicationNumber === undefined) {
          const day = macauDay(deps.clock());
          applicationNumber = applicationNumberFor(deps.config, day, store.sequences.nextSequence(day));
          if (applicationNumber === undefined) throw refusal('numbering', 'This workstation cannot make an application number');
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
          // Only a draft is discarded: any other status means it went to the supervisor once.
          if (check.code === 'wrong_state') throw refusal('discard_submitted', `Application is ${rec.status}`, { status: rec.status });
          throw refusal(check.code, `Discard refused: ${check.code}`);
        }
        // A status alone cannot tell: a form once submitted stays out of reach whatever its status.
        if (!neverSubmitted(rec.statusHistory)) throw refusal('discard_submitted', 'The application was submitted once', { status: rec.status });
        if (expectedRevision !== rec.revision) throw refusal('stale', `Application is at revision ${rec.revision}`);
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
        if (!ref) throw refusal('unknown_entity', 'No entity with this number in the reference data');
        app = prefilledEntity(app, ref);
      }
      return toRecord(store.applications.createDraft({ kind, data: app, search: searchTerms(app), actor: user.actor }));
    },

    get: (id: string): IntakeRecord => toRecord(own(id).rec),

    save(id: string, expectedRevision: number, incoming: Application): IntakeRecord {
      const { user, rec } = own(id);
      if (!isEditable(rec.status)) throw refusal('read_only', `Application is ${rec.status}`, { status: rec.status });
      if (expectedRevision !== rec.revision) throw refusal('stale', `Application is at revision ${rec.revision}`);
      if (incoming.kind !== rec.kind) throw refusal('kind_changed', 'The kind of an application cannot change');
      const stored = storedForm(repo, rec);
      const at = deps.clock().toISOString();
      // FAQ 8 "another entity" records are stamped like ticks, and each new statement is audited.
      const distinct = incoming.distinctEntities ? stampTicks(stored.distinctEntities ?? {}, incoming.distinctEntities, user.staffNumber, at) : undefined;
      const app: Application = {
        ...incoming,
        checks: stampTicks(stored.checks, incoming.checks, user.staffNumber, at),
        ...(distinct ? { distinctEntities: distinct } : {}),
      };
      return store.db.transaction(() => {
        // Which scans the form has is the core's (the attachments table), never what was sent:
        // from the renderer only the clerk's sighting of each document is kept (issue 12 item 4).
        const withScans: Application = { ...app, documents: withStoredScans(app.documents, scansBySlot(store, id)) };
        const saved = store.applications.saveDraft(id, { data: withScans, search: searchTerms(withScans), actor: user.actor, expectedRevision });
        for (const [key, d] of Object.entries(distinct ?? {})) {
          if (stored.distinctEntities?.[key]?.reason === d.reason) continue;
          store.audit.append({ actor: user.actor, action: 'distinct_entity', subjectId: id, details: { key, subject: d.subject ?? null, reason: d.reason } });
        }
        return toRecord(saved);
      })();
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
