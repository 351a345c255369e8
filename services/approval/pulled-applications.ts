import { ApplicationChangeSchema } from '../../api/sync/pull';
import type { z } from 'zod';
import { availableActions, checkTransition, touchedBy, type ApplicationActors, type Decision, type WorkflowAction } from '../../domain/workflow';
import { actorOf } from '../auth/session-state';
import type { Store } from '../store';

// Applications taken in at OTHER workstations of this service point, as the server holds them
// (pulled with the service point's changes, services/sync/pull-apply.ts). A supervisor here
// reviews and decides them like local ones; the server owns their workflow, so they are never
// copied into this workstation's own applications: a decision is an outbox row that becomes an
// `application.decide` op, and the server re-checks four eyes, scope and state.

export type PulledApplication = z.infer<typeof ApplicationChangeSchema>;

export interface PulledDecision {
  decision: Decision;
  reasonCode?: string | undefined;
  text?: string | undefined;
  notes?: string | undefined;
}

/** Who took it in, edited it and moved it, in this workstation's actor form (`staff:<number>`). */
export function actorsOfPulled(a: PulledApplication): ApplicationActors {
  return {
    createdBy: actorOf(a.createdBy),
    editors: a.editors.map(actorOf),
    statusHistory: a.history.map((h) => ({ status: h.status, actor: actorOf(h.actor) })),
  };
}

export function createPulledApplications(store: Store, servicePoint: string) {
  const db = store.db;
  // Pulled applications of this service point that are not this workstation's own records.
  const pendingStmt = db.prepare<[string], { body: string }>(
    `SELECT p.body FROM sync_pulled p
     WHERE p.kind = 'application' AND json_extract(p.body, '$.status') = 'pending_approval' AND json_extract(p.body, '$.servicePoint') = ?
       AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.id = p.record_id)
     ORDER BY json_extract(p.body, '$.history[#-1].at'), p.record_id`,
  );
  const oneStmt = db.prepare<[string], { body: string }>(`SELECT body FROM sync_pulled WHERE kind = 'application' AND record_id = ?`);
  const localStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM applications WHERE id = ?');
  // A decision taken here on the version now held: the queue no longer offers it (it is on its way).
  const decidedHereStmt = db.prepare<[string, number], { n: number }>(
    `SELECT count(*) AS n FROM outbox WHERE topic = 'application.decided' AND subject_id = ? AND json_extract(payload, '$.pulledVersion') = ?`,
  );

  const parse = (body: string): PulledApplication | undefined => {
    const r = ApplicationChangeSchema.safeParse(JSON.parse(body));
    return r.success ? r.data : undefined;
  };

  const holdsStmt = db.prepare<[string, string], { n: number }>(
    `SELECT count(*) AS n FROM sync_pulled p, json_each(p.body, '$.blobs') j
     WHERE p.kind = 'application' AND json_extract(p.body, '$.servicePoint') = ? AND j.value = ?`,
  );

  const decidedHere = (a: PulledApplication) => (decidedHereStmt.get(a.recordId, a.version)?.n ?? 0) > 0;

  function reviewedBy(a: PulledApplication, actor: string): boolean {
    return store.audit.forSubject(a.recordId).some((e) => e.action === 'review' && e.actor === actor && e.details.version === a.version);
  }

  return {
    /** Pending applications of other workstations of this service point, oldest submission first. */
    pending(): PulledApplication[] {
      return pendingStmt
        .all(servicePoint)
        .map((r) => parse(r.body))
        .filter((a): a is PulledApplication => a !== undefined && !decidedHere(a));
    },

    /** One pulled application of this service point (not a local record), else undefined. */
    get(id: string): PulledApplication | undefined {
      if ((localStmt.get(id)?.n ?? 0) > 0) return undefined;
      const row = oneStmt.get(id);
      const a = row ? parse(row.body) : undefined;
      return a?.servicePoint === servicePoint ? a : undefined;
    },

    decidedHere,

    /** A scan of one of this service point's pulled applications (anything else is not shown here). */
    holdsScan: (sha: string): boolean => /^[0-9a-f]{64}$/.test(sha) && (holdsStmt.get(servicePoint, sha)?.n ?? 0) > 0,

    /** The supervisor opened it (bulk approval and every decision need that, as for local ones). */
    noteReviewed(a: PulledApplication, actor: string, onSessionOf: string | null): void {
      if (a.status === 'pending_approval' && !reviewedBy(a, actor)) {
        store.audit.append({ actor, action: 'review', subjectId: a.recordId, details: { version: a.version, onSessionOf, pulled: true } });
      }
    },

    /** Decisions this supervisor may take on it now (none when they took it in or edited it). */
    allowed(a: PulledApplication, me: { actor: string; roles: Parameters<typeof availableActions>[1] }): Decision[] {
      if (decidedHere(a) || touchedBy(actorsOfPulled(a)).has(me.actor)) return [];
      return availableActions(a.status, me.roles).filter((x: WorkflowAction) => x === 'approve' || x === 'reject' || x === 'return') as Decision[];
    },

    reviewedBy,

    /**
     * Check the decision as the server will (role, state, four eyes, reason), then record it in
     * one transaction: the audit entry and the outbox row the sync worker sends.
     */
    decide(
      a: PulledApplication,
      input: PulledDecision,
      who: { actor: string; roles: Parameters<typeof availableActions>[1]; onSessionOf: string | null; at: string },
    ): { ok: true; status: PulledApplication['status'] } | { ok: false; code: string; params?: Record<string, string | number> } {
      if (decidedHere(a)) return { ok: false, code: 'wrong_state', params: { status: a.status } };
      const check = checkTransition({
        action: input.decision,
        from: a.status,
        actor: who.actor,
        roles: who.roles,
        actors: actorsOfPulled(a),
        reasonCode: input.reasonCode,
        notes: input.decision === 'return' ? input.notes : undefined,
      });
      if (!check.ok) return { ok: false, code: check.code, ...(check.code === 'wrong_state' ? { params: { status: a.status } } : {}) };
      if (!reviewedBy(a, who.actor)) return { ok: false, code: 'not_reviewed' };
      db.transaction(() => {
        store.audit.append({
          actor: who.actor,
          action: input.decision === 'approve' ? 'approve' : input.decision === 'reject' ? 'reject' : 'return',
          subjectId: a.recordId,
          details: { applicationNumber: a.applicationNumber, pulled: true, version: a.version, onSessionOf: who.onSessionOf },
        });
        store.outbox.enqueue('application.decided', a.recordId, {
          decision: input.decision,
          status: check.to,
          reasonCode: input.reasonCode ?? null,
          text: input.text ?? null,
          notes: input.notes ?? null,
          decidedBy: who.actor,
          onSessionOf: who.onSessionOf,
          at: who.at,
          // Which version this supervisor saw: the queue hides it while the decision is on its way.
          pulledVersion: a.version,
        });
      }).immediate();
      return { ok: true, status: check.to };
    },
  };
}

export type PulledApplications = ReturnType<typeof createPulledApplications>;
