import type { ApplicationStatus } from '../../domain/model/codes';
import {
  availableActions,
  checkTransition,
  neverSubmitted,
  touchedBy,
  type ApplicationActors,
  type Decision,
  type RejectionReason,
  type WorkflowAction,
  type WorkflowRefusal,
} from '../../domain/workflow';
import type { AuthService, SignedInUser } from '../auth';
import { actorOf } from '../auth/session-state';
import type { ApplicationRecord, Store } from '../store';
import type { Application } from '../../domain/model/application';
import { assess, type Assessment, type AssessmentContext } from '../../domain/rules';
import { macauDay } from '../../domain/macau-day';
import { createApplicationRepository } from '../intake/application-repository';
import type { Clock } from '../core/clock';
import { Refusal } from '../core/refusal';
import { createReturnedVersions } from './returned-versions';
import { createScanPages } from '../attachments/scan-pages';

export interface ApprovalServiceDeps {
  store: Store;
  auth: AuthService;
  /** This workstation's service point: the queue holds the applications taken in there. */
  servicePoint: string;
  /**
   * The service point an application's workstation belongs to (null: unknown). Today only this
   * workstation is known; applications synced from other workstations will carry theirs, and
   * the queue must then still show only this service point's. Defaults to this workstation.
   */
  servicePointOf?: (workstationId: string) => string | null;
  /** The core's one clock (services/core/clock.ts). */
  clock: Clock;
  /**
   * What the rules need besides the form — reference entities, this store's applications, other
   * clerks' drafts (services/intake/assessment-context.ts, the builder intake uses). With it the
   * review shows the rule results the clerk saw, FAQ 8 included (issue 13 item 11).
   */
  assessmentContext?: (applicationId: string, at: Date) => AssessmentContext;
}

/** The rules' verdict on a form under review, as of today in Macau; none for a form that does not parse. */
export interface ReviewAssessment {
  assessment?: Assessment;
  assessedOn?: string;
}

/** Assess a form for the review with the core's context (undefined when the core was built without one). */
export function reviewAssessment(
  context: ApprovalServiceDeps['assessmentContext'],
  applicationId: string,
  application: Application | null | undefined,
  at: Date,
): ReviewAssessment {
  if (!context || !application) return {};
  return { assessment: assess(application, context(applicationId, at)), assessedOn: macauDay(at) };
}

/**
 * The queue shows the oldest submissions first and at most this many: past it, the supervisor
 * works through the oldest and the next ones move up (the SQL sorts, so none drops out).
 */
export const QUEUE_LIMIT = 500;

export interface QueueItem {
  id: string;
  applicationNumber: string | null;
  kind: ApplicationRecord['kind'];
  entityNames: string[];
  submittedAt: string;
  submittedBy: string;
  ageMinutes: number;
  /** The current decider handled it: the four-eyes rule bars them from deciding. */
  handledByMe: boolean;
  /** Returned before and resubmitted. */
  resubmitted: boolean;
}

export interface ChecklistEntry {
  item: string;
  state: string;
  sighting: string | null;
  note: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface DecisionInput {
  decision: Decision;
  reasonCode?: RejectionReason | undefined;
  text?: string | undefined;
  notes?: string | undefined;
}

export interface DecisionResult {
  id: string;
  status: ApplicationStatus;
  decidedBy: string;
  onSessionOf: string | null;
}

/** Why the approval service said no; services/handlers/approval-handlers.ts says it to the supervisor. */
export type ApprovalRefusalCode = WorkflowRefusal['code'] | 'not_found' | 'other_service_point' | 'not_reviewed';

/** One application bulk approval left out, with the refusal (and its facts) saying why. */
export interface BulkRefusal {
  id: string;
  code: ApprovalRefusalCode;
  params: Readonly<Record<string, string | number>> | undefined;
}

const refusal = (code: ApprovalRefusalCode, message: string, params?: Record<string, string | number>) => new Refusal(code, message, params);

/** Audit actions that change an application's content: whoever did one edited it. */
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const EDIT_ACTIONS = new Set(['create', 'edit', 'attach', 'attachment_change', 'detach']);

/**
 * The supervisor's side of the workflow: queue, review, decisions, bulk approval. Every
 * decision is checked here (role, state, four eyes) whatever the UI showed, and recorded in
 * one transaction with its audit entry and an outbox row that carries it to the central API.
 */
export function createApprovalService(deps: ApprovalServiceDeps) {
  const { store, auth } = deps;
  const { clock } = deps;
  const servicePointOf = deps.servicePointOf ?? ((ws: string) => (ws === auth.workstation.id ? auth.workstation.servicePoint : null));
  const pendingWorkstationsStmt = store.db.prepare<[], string>("SELECT DISTINCT workstation_id FROM applications WHERE status = 'pending_approval'").pluck();
  // Sorted and cut in SQL by the latest submission (a returned form resubmitted today is new).
  const queueStmt = store.db.prepare<[string, number], { id: string; entity_names: string | null; submitted_at: string | null }>(
    `SELECT a.id, json_extract(a.search, '$.entityNames') AS entity_names,
       (SELECT h.at FROM application_status_history h WHERE h.application_id = a.id AND h.status = 'pending_approval' ORDER BY h.id DESC LIMIT 1) AS submitted_at
     FROM applications a
     WHERE a.status = 'pending_approval' AND a.workstation_id IN (SELECT value FROM json_each(?))
     ORDER BY coalesce(submitted_at, a.updated_at), a.id
     LIMIT ?`,
  );
  const documents = createApplicationRepository(store);
  const returnedVersions = createReturnedVersions(store);
  const scanPages = createScanPages(store);
  const workstationStmt = store.db.prepare<[string], string>('SELECT workstation_id FROM applications WHERE id = ?').pluck();

  const load = (id: string): ApplicationRecord => {
    const rec = store.applications.get(id);
    if (!rec) throw refusal('not_found', 'No such application');
    return rec;
  };

  /**
   * A supervisor works on the applications of this workstation's service point only, by id as
   * in the queue: a workstation not known to be of it counts as another (issue 7). Checked
   * here, not in the UI, because an id can be forged or come from another screen.
   */
  function requireThisServicePoint(id: string): void {
    const ws = workstationStmt.get(id);
    if (ws === undefined) throw refusal('not_found', 'No such application');
    if (servicePointOf(ws) !== deps.servicePoint) throw refusal('other_service_point', 'Application of another service point');
  }

  function actorsOf(rec: ApplicationRecord): ApplicationActors {
    const editors = new Set<string>();
    for (const e of store.audit.forSubject(rec.id)) if (EDIT_ACTIONS.has(e.action)) editors.add(e.actor);
    for (const a of store.attachments.list(rec.id)) editors.add(a.createdBy);
    return { createdBy: rec.createdBy, editors: [...editors], statusHistory: rec.statusHistory };
  }

  /**
   * Reviewing is the supervisor's work (the elevated one's at a clerk's workstation): a
   * clerk's renderer must not read other clerks' applications through the queue.
   */
  function reviewer() {
    const who = auth.decider();
    if (!who.user.roles.includes('supervisor')) throw refusal('wrong_role', 'Only supervisors review');
    return who;
  }

  /** Who ticked what: the intake keeps eye-check ticks in the application's `checks`, stamped by the core with the staff number. */
  function checklistOf(application: Application | null): ChecklistEntry[] {
    return Object.entries(application?.checks ?? {})
      .map(([item, t]): ChecklistEntry => ({
        item,
        state: 'ticked',
        sighting: null,
        note: null,
        updatedAt: t.at,
        updatedBy: t.by.startsWith('staff:') ? t.by : actorOf(t.by),
      }))
      .sort((a, b) => a.item.localeCompare(b.item));
  }

  /**
   * Status history with the clerk on whose session an elevated supervisor decided (from the
   * `elevation` audit entry written in the decision's transaction), so both people show.
   */
  function historyOf(rec: ApplicationRecord): (ApplicationRecord['statusHistory'][number] & { onSessionOf?: string })[] {
    const statusOf: Record<string, ApplicationStatus> = { approve: 'approved', reject: 'rejected', return: 'returned' };
    const elevated = store.audit.forSubject(rec.id).filter((e) => e.action === 'elevation' && typeof e.details.onSessionOf === 'string');
    return rec.statusHistory.map((h) => {
      const i = elevated.findIndex((e) => e.actor === h.actor && statusOf[String(e.details.decision)] === h.status && e.at >= h.at);
      if (i < 0) return h;
      const [e] = elevated.splice(i, 1);
      return { ...h, onSessionOf: String(e?.details.onSessionOf) };
    });
  }

  /** Returned for correction and submitted again since: there is a last submission to compare with. */
  const resubmittedSinceReturn = (rec: ApplicationRecord) => {
    const lastReturn = rec.statusHistory.map((h) => h.status).lastIndexOf('returned');
    return lastReturn >= 0 && rec.statusHistory.slice(lastReturn + 1).some((h) => h.status === 'pending_approval');
  };

  const lastSubmission = (rec: ApplicationRecord) => [...rec.statusHistory].reverse().find((h) => h.status === 'pending_approval');

  /**
   * Has this supervisor opened the application since it was last submitted? Bulk approval
   * only approves what its decider reviewed: a corrected, resubmitted form is reviewed again.
   */
  function reviewedBy(rec: ApplicationRecord, actor: string): boolean {
    const since = lastSubmission(rec)?.at ?? '';
    return store.audit.forSubject(rec.id).some((e) => e.action === 'review' && e.actor === actor && e.at >= since);
  }

  function refuse(r: WorkflowRefusal, status: ApplicationStatus): never {
    throw refusal(r.code, `Decision refused: ${r.code}`, r.code === 'wrong_state' ? { status } : undefined);
  }

  function decideOne(id: string, input: DecisionInput, who: { user: SignedInUser; onSessionOf: SignedInUser | null }): DecisionResult {
    return store.db
      .transaction((): DecisionResult => {
        const rec = load(id);
        requireThisServicePoint(id);
        const check = checkTransition({
          action: input.decision,
          from: rec.status,
          actor: who.user.actor,
          roles: who.user.roles,
          actors: actorsOf(rec),
          reasonCode: input.reasonCode,
          notes: input.decision === 'return' ? input.notes : undefined,
        });
        if (!check.ok) refuse(check, rec.status);
        // After the workflow's own refusals, so four eyes or a changed state is what is reported.
        // Every decision, one or in bulk: the decider opened it since it was last submitted, and
        // at a clerk's desk under this very elevation (issue 12 item 1).
        if (!reviewedBy(rec, who.user.actor) || (who.onSessionOf && !auth.elevationCovers(id))) throw refusal('not_reviewed', 'Not reviewed by the decider');
        const reason =
          input.decision === 'reject'
            ? `[${input.reasonCode}] ${(input.text ?? '').trim()}`.trim()
            : input.decision === 'return'
              ? (input.notes ?? '').trim()
              : undefined;
        const updated = store.applications.setStatus(id, { status: check.to, actor: who.user.actor, ...(reason !== undefined ? { reason } : {}) });
        const at = clock().toISOString();
        // The form of its last submission, for the next review's "changed since" (issue 13 item 11).
        if (updated.status === 'returned') returnedVersions.keep(rec, at);
        store.outbox.enqueue('application.decided', id, {
          decision: input.decision,
          status: updated.status,
          reasonCode: input.reasonCode ?? null,
          text: input.text ?? null,
          notes: input.notes ?? null,
          decidedBy: who.user.actor,
          onSessionOf: who.onSessionOf?.actor ?? null,
          at,
        });
        if (who.onSessionOf) {
          // The decision made at a clerk's workstation names both people (issue 7, offline approval).
          store.audit.append({
            actor: who.user.actor,
            action: 'elevation',
            subjectId: id,
            details: { decision: input.decision, onSessionOf: who.onSessionOf.actor },
          });
        }
        return { id, status: updated.status, decidedBy: who.user.actor, onSessionOf: who.onSessionOf?.actor ?? null };
      })
      .immediate();
  }

  return {
    /** This workstation's service point and the one mapping of workstations to service points (the day-end report groups by it). */
    servicePoint: deps.servicePoint,
    servicePointOf,

    /** Pending applications of this service point, oldest submission first. */
    queue(limit = QUEUE_LIMIT): QueueItem[] {
      const me = reviewer().user;
      const nowMs = clock().getTime();
      const here = pendingWorkstationsStmt.all().filter((ws) => servicePointOf(ws) === deps.servicePoint);
      if (here.length === 0) return [];
      return queueStmt.all(JSON.stringify(here), Math.max(1, Math.min(limit, QUEUE_LIMIT))).map((row) => {
        const rec = load(row.id);
        const sub = lastSubmission(rec);
        const submittedAt = sub?.at ?? rec.updatedAt;
        const names = row.entity_names ? (JSON.parse(row.entity_names) as unknown) : [];
        return {
          id: rec.id,
          applicationNumber: rec.applicationNumber,
          kind: rec.kind,
          entityNames: Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [],
          submittedAt,
          submittedBy: sub?.actor ?? rec.createdBy,
          ageMinutes: Math.max(0, Math.floor((nowMs - Date.parse(submittedAt)) / 60_000)),
          handledByMe: touchedBy(actorsOf(rec)).has(me.actor),
          resubmitted: rec.statusHistory.some((h) => h.status === 'returned'),
        };
      });
    },

    /** Everything the supervisor reviews: data, checklist with who ticked what, scans, history. */
    open(id: string) {
      const who = reviewer();
      const me = who.user;
      const rec = load(id);
      requireThisServicePoint(id);
      // A clerk's never-submitted draft is theirs alone: not even its existence is shown (issue 12 item 5).
      if (neverSubmitted(rec.statusHistory)) throw refusal('not_found', 'No such application');
      // Bulk approval relies on this: the supervisor saw the application before approving it.
      if (rec.status === 'pending_approval' && !reviewedBy(rec, me.actor)) {
        store.audit.append({ actor: me.actor, action: 'review', subjectId: id, details: { onSessionOf: who.onSessionOf?.actor ?? null } });
      }
      if (who.onSessionOf) auth.noteReviewedUnderElevation(id);
      const application = documents.readableApplicationOf(rec);
      const previous = resubmittedSinceReturn(rec) ? returnedVersions.latest(rec) : null;
      const actors = actorsOf(rec);
      const handledByMe = touchedBy(actors).has(me.actor);
      const allowed: WorkflowAction[] = handledByMe
        ? []
        : availableActions(rec.status, me.roles).filter((a) => a === 'approve' || a === 'reject' || a === 'return');
      return {
        id: rec.id,
        kind: rec.kind,
        status: rec.status,
        applicationNumber: rec.applicationNumber,
        // The parsed document; one that does not parse is shown as stored rather than hidden.
        data: application ?? (isPlainObject(rec.data) ? rec.data : {}),
        createdBy: rec.createdBy,
        createdAt: rec.createdAt,
        statusHistory: historyOf(rec),
        checklist: checklistOf(application),
        scans: store.attachments.list(id).map((a) => {
          // Each file's real pages (a PDF may hold several), counted in the core (issue 13 item 10).
          const counts = scanPages.perFile(a);
          return {
            id: a.id,
            slot: a.slot,
            pages: a.pages.flatMap((p, i) => (p.purged ? [] : [{ index: p.position, mime: p.mime, rotation: p.rotation, pageCount: counts[i] ?? 1 }])),
          };
        }),
        handledByMe,
        allowedDecisions: allowed as Decision[],
        // After a return for correction: the form as it was returned, to compare with `data`.
        ...(previous ? { previousSubmission: { returnedAt: previous.returnedAt, data: previous.application } } : {}),
        // The rules as the core sees them now (reference data, other applications), as the clerk saw them.
        ...reviewAssessment(deps.assessmentContext, rec.id, application, clock()),
      };
    },

    scanPage(attachmentId: string, page: number): { mime: string; dataBase64: string; rotation: number } {
      reviewer();
      const a = store.attachments.get(attachmentId);
      const p = a?.pages.find((x) => x.position === page) ?? a?.pages[page];
      if (!a || !p || p.purged) throw refusal('not_found', 'No such page');
      requireThisServicePoint(a.applicationId);
      // As open: a clerk's never-submitted draft is theirs alone, its scans too (issue 12 item 5).
      if (neverSubmitted(load(a.applicationId).statusHistory)) throw refusal('not_found', 'No such page');
      return { mime: p.mime, dataBase64: store.attachments.read(attachmentId, a.pages.indexOf(p)).toString('base64'), rotation: p.rotation };
    },

    /**
     * The clerk sends a draft (or a corrected, returned form) to the supervisor's queue.
     * Only the signed-in user's own session submits: elevation is for decisions.
     */
    submit(id: string): { id: string; status: ApplicationStatus } {
      const me = auth.requireUser();
      return store.db
        .transaction(() => {
          const rec = load(id);
          const action = rec.status === 'returned' ? 'resubmit' : 'submit';
          const check = checkTransition({ action, from: rec.status, actor: me.actor, roles: me.roles, actors: actorsOf(rec) });
          if (!check.ok) refuse(check, rec.status);
          const updated = store.applications.setStatus(id, { status: check.to, actor: me.actor });
          return { id, status: updated.status };
        })
        .immediate();
    },

    /** The latest decision on an application, for the clerk who took it in (why it came back). */
    lastDecision(id: string): { status: ApplicationStatus; at: string; actor: string; reasonCode: string | null; text: string | null } | null {
      const me = auth.requireUser();
      const rec = load(id);
      // The reason may name people and documents: the clerk who took it in and supervisors
      // read it; anyone else learns nothing, not even that it exists (as intake.get).
      if (rec.createdBy !== me.actor && !me.roles.includes('supervisor')) throw refusal('not_found', 'No such application');
      // Supervisors read decisions of their own service point, as they review only those.
      if (rec.createdBy !== me.actor) requireThisServicePoint(id);
      if (rec.createdBy !== me.actor && neverSubmitted(rec.statusHistory)) throw refusal('not_found', 'No such application');
      const h = [...rec.statusHistory].reverse().find((x) => x.status === 'approved' || x.status === 'rejected' || x.status === 'returned');
      if (!h) return null;
      const m = h.status === 'rejected' ? /^\[([a-z_]+)\]\s*([\s\S]*)$/.exec(h.reason ?? '') : null;
      return { status: h.status, at: h.at, actor: h.actor, reasonCode: m?.[1] ?? null, text: m ? m[2] || null : (h.reason ?? null) };
    },

    decide(id: string, input: DecisionInput): DecisionResult {
      const who = auth.decider();
      const r = decideOne(id, input, who);
      if (who.onSessionOf) auth.consumeElevation();
      return r;
    },

    /**
     * End-of-day bulk approval (MOSIP style): one re-authentication, then each application
     * is checked on its own; refusals (four eyes, changed state) are reported, not fatal.
     */
    async bulkApprove(ids: string[], password: string): Promise<{ approved: string[]; refused: BulkRefusal[] }> {
      const who = await auth.reauthenticate(password);
      if (!who.user.roles.includes('supervisor')) throw refusal('wrong_role', 'Only supervisors approve');
      const approved: string[] = [];
      const refused: BulkRefusal[] = [];
      for (const id of [...new Set(ids)]) {
        try {
          decideOne(id, { decision: 'approve' }, who);
          approved.push(id);
        } catch (e) {
          if (!(e instanceof Refusal)) throw e;
          // With the refusal's facts: a wrong-state refusal names the status it found.
          refused.push({ id, code: e.code as ApprovalRefusalCode, params: e.params });
        }
      }
      store.audit.append({
        actor: who.user.actor,
        action: 'approve',
        details: { bulk: true, approved: approved.length, refused: refused.length, onSessionOf: who.onSessionOf?.actor ?? null },
      });
      if (who.onSessionOf) auth.consumeElevation();
      return { approved, refused };
    },
  };
}

export type ApprovalService = ReturnType<typeof createApprovalService>;
