import type { ApplicationStatus } from '../../domain/model/codes';
import { touchedBy } from '../../domain/workflow';
import type { AuthService } from '../auth';
import { actorOf } from '../auth/session-state';
import type { Clock } from '../core/clock';
import { Refusal } from '../core/refusal';
import type { Store } from '../store';
import type { ScanCache } from '../sync/scan-cache';
import type { ApprovalRefusalCode, ApprovalService, BulkRefusal, ChecklistEntry, DecisionInput, DecisionResult, QueueItem } from './approval-service';
import { QUEUE_LIMIT, reviewAssessment, type ApprovalServiceDeps } from './approval-service';
import { ApplicationSchema } from '../../domain/model/application';
import { actorsOfPulled, createPulledApplications, type PulledApplication } from './pulled-applications';

// The approval queue of the whole service point (issue 15): this workstation's own pending
// applications (approval-service.ts) and those taken in at its other workstations, pulled from
// the server (pulled-applications.ts). A supervisor on any workstation of the service point
// reviews and decides either kind the same way; a pulled one's scans come from the server on
// demand (services/sync/scan-fetch.ts) and are shown once here.

export interface ServicePointApprovalDeps {
  store: Store;
  auth: AuthService;
  servicePoint: string;
  clock: Clock;
  scans: ScanCache;
  /** As the local review's: the rule results with the core's reference data (issue 13 item 11). */
  assessmentContext?: ApprovalServiceDeps['assessmentContext'];
}

const refusal = (code: ApprovalRefusalCode, message: string, params?: Record<string, string | number>) => new Refusal(code, message, params);

const entityNamesOf = (a: PulledApplication): string[] => {
  const n = (a.application as { entity?: { names?: Record<string, string | undefined> } }).entity?.names ?? {};
  return [n.zh, n.pt, n.en].filter((x): x is string => typeof x === 'string' && x.trim() !== '');
};

const lastSubmission = (a: PulledApplication) => [...a.history].reverse().find((h) => h.status === 'pending_approval');

export function withServicePointQueue(local: ApprovalService, deps: ServicePointApprovalDeps): ApprovalService {
  const { store, auth, clock, scans } = deps;
  const pulled = createPulledApplications(store, deps.servicePoint);
  const isLocal = (id: string) => store.applications.get(id) !== undefined;

  function reviewer() {
    const who = auth.decider();
    if (!who.user.roles.includes('supervisor')) throw refusal('wrong_role', 'Only supervisors review');
    return who;
  }

  function requirePulled(id: string): PulledApplication {
    const a = pulled.get(id);
    if (!a) throw refusal('not_found', 'No such application');
    return a;
  }

  function queueItem(a: PulledApplication, me: string, nowMs: number): QueueItem {
    const sub = lastSubmission(a);
    const submittedAt = sub?.at ?? a.history.at(-1)?.at ?? clock().toISOString();
    return {
      id: a.recordId,
      applicationNumber: a.applicationNumber,
      kind: a.kind,
      entityNames: entityNamesOf(a),
      submittedAt,
      submittedBy: actorOf(sub?.actor ?? a.createdBy),
      ageMinutes: Math.max(0, Math.floor((nowMs - Date.parse(submittedAt)) / 60_000)),
      handledByMe: touchedBy(actorsOfPulled(a)).has(me),
      resubmitted: a.history.some((h) => h.status === 'returned'),
    };
  }

  function checklistOf(a: PulledApplication): ChecklistEntry[] {
    return Object.entries(a.application.checks ?? {})
      .map(([item, t]): ChecklistEntry => ({
        item,
        state: 'ticked',
        sighting: null,
        note: null,
        updatedAt: t.at,
        updatedBy: t.by.startsWith('staff:') ? t.by : actorOf(t.by),
      }))
      .sort((x, y) => x.item.localeCompare(y.item));
  }

  /** Scans held here: one entry per document and page, named by its address (attachment ids are local). */
  function scansOf(a: PulledApplication) {
    const out: { id: string; slot: string; pages: { index: number; mime: string; rotation: number }[] }[] = [];
    for (const [slot, doc] of Object.entries(a.application.documents ?? {})) {
      for (const sha of doc.attachments) {
        const have = scans.get(sha);
        if (have) out.push({ id: sha, slot, pages: [{ index: 0, mime: have.mime, rotation: 0 }] });
      }
    }
    return out;
  }

  /** The pulled form as the rules read it; undefined when it does not parse (shown as stored, not assessed). */
  function parsedForm(a: PulledApplication) {
    const r = ApplicationSchema.safeParse(a.application);
    return r.success ? r.data : undefined;
  }

  function openPulled(a: PulledApplication) {
    const who = reviewer();
    const me = who.user;
    pulled.noteReviewed(a, me.actor, who.onSessionOf?.actor ?? null);
    if (who.onSessionOf) auth.noteReviewedUnderElevation(a.recordId);
    const handledByMe = touchedBy(actorsOfPulled(a)).has(me.actor);
    return {
      id: a.recordId,
      kind: a.kind,
      status: a.status,
      applicationNumber: a.applicationNumber,
      data: a.application as unknown as Record<string, unknown>,
      createdBy: actorOf(a.createdBy),
      createdAt: a.history[0]?.at ?? lastSubmission(a)?.at ?? clock().toISOString(),
      statusHistory: a.history.map((h) => {
        const reason = h.status === 'rejected' && h.reasonCode ? `[${h.reasonCode}] ${h.notes ?? ''}`.trim() : h.notes;
        return { status: h.status, at: h.at, actor: actorOf(h.actor), ...(reason ? { reason } : {}) };
      }),
      checklist: checklistOf(a),
      scans: scansOf(a),
      handledByMe,
      allowedDecisions: pulled.allowed(a, me),
      ...reviewAssessment(deps.assessmentContext, a.recordId, parsedForm(a), clock()),
    };
  }

  function decidePulled(a: PulledApplication, input: DecisionInput, who: ReturnType<AuthService['decider']>): DecisionResult {
    if (who.onSessionOf && !auth.elevationCovers(a.recordId)) throw refusal('not_reviewed', 'Not reviewed by the decider');
    const r = pulled.decide(a, input, {
      actor: who.user.actor,
      roles: who.user.roles,
      onSessionOf: who.onSessionOf?.actor ?? null,
      at: clock().toISOString(),
    });
    if (!r.ok) throw refusal(r.code as ApprovalRefusalCode, `Decision refused: ${r.code}`, r.params);
    return { id: a.recordId, status: r.status as ApplicationStatus, decidedBy: who.user.actor, onSessionOf: who.onSessionOf?.actor ?? null };
  }

  return {
    ...local,

    queue(limit = QUEUE_LIMIT): QueueItem[] {
      const mine = local.queue(limit);
      const me = reviewer().user.actor;
      const nowMs = clock().getTime();
      const others = pulled.pending().map((a) => queueItem(a, me, nowMs));
      return [...mine, ...others]
        .sort((x, y) => x.submittedAt.localeCompare(y.submittedAt) || x.id.localeCompare(y.id))
        .slice(0, Math.max(1, Math.min(limit, QUEUE_LIMIT)));
    },

    open(id: string): ReturnType<ApprovalService['open']> {
      if (isLocal(id)) return local.open(id);
      reviewer();
      // The same review the contract (ReviewSchema) validates; the form is the server's parsed Application.
      return openPulled(requirePulled(id)) as unknown as ReturnType<ApprovalService['open']>;
    },

    scanPage(attachmentId: string, page: number) {
      if (store.attachments.get(attachmentId) || !/^[0-9a-f]{64}$/.test(attachmentId)) return local.scanPage(attachmentId, page);
      reviewer();
      const have = page === 0 && pulled.holdsScan(attachmentId) ? scans.get(attachmentId) : undefined;
      if (!have) throw refusal('not_found', 'No such page');
      return { mime: have.mime, dataBase64: scans.read(attachmentId).toString('base64'), rotation: 0 };
    },

    decide(id: string, input: DecisionInput): DecisionResult {
      if (isLocal(id)) return local.decide(id, input);
      const who = auth.decider();
      const a = requirePulled(id);
      const r = decidePulled(a, input, who);
      if (who.onSessionOf) auth.consumeElevation();
      return r;
    },

    async bulkApprove(ids: string[], password: string): Promise<{ approved: string[]; refused: BulkRefusal[] }> {
      const unique = [...new Set(ids)];
      const mine = unique.filter(isLocal);
      const others = unique.filter((id) => !isLocal(id));
      if (others.length === 0) return local.bulkApprove(mine, password);
      const who = await auth.reauthenticate(password);
      if (!who.user.roles.includes('supervisor')) throw refusal('wrong_role', 'Only supervisors approve');
      const approved: string[] = [];
      const refused: BulkRefusal[] = [];
      for (const id of others) {
        try {
          const a = pulled.get(id);
          if (!a) throw refusal('not_found', 'No such application');
          decidePulled(a, { decision: 'approve' }, who);
          approved.push(id);
        } catch (e) {
          if (!(e instanceof Refusal)) throw e;
          refused.push({ id, code: e.code as ApprovalRefusalCode, params: e.params });
        }
      }
      if (mine.length === 0) {
        if (who.onSessionOf) auth.consumeElevation();
        return { approved, refused };
      }
      const rest = await local.bulkApprove(mine, password);
      return { approved: [...approved, ...rest.approved], refused: [...refused, ...rest.refused] };
    },
  };
}

/** The scans of an application a supervisor may have fetched: a pulled one's, else none to fetch. */
export function pulledScansOf(store: Store, servicePoint: string) {
  const pulled = createPulledApplications(store, servicePoint);
  return (id: string): string[] | undefined => pulled.get(id)?.blobs;
}
