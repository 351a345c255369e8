import { ApplicationSchema } from '../../domain/model/application';
import type { ApplicationStatus } from '../../domain/model/codes';
import { entityIdentity, type AssessmentContext, type EntityIdentity, type OpenDraft, type PendingApplication } from '../../domain/rules';
import { staffLabel } from '../../domain/model/staff-label';
import type { Store } from '../store';
import { fromStoredDocument } from '../../domain/model/application-document';
import { macauDay } from '../../domain/macau-day';
import type { ReferenceRepo } from './reference-repo';

/**
 * FAQ 8: another application for the entity blocks a first application while it is pending,
 * back with the clerk for correction (it will be resubmitted), or once approved.
 */
const COUNTS_AS_TAKEN: readonly ApplicationStatus[] = ['pending_approval', 'returned', 'approved'];

/** A stored document's current body, or undefined when it cannot be read (a newer program's). */
function bodyOf(text: string): unknown {
  try {
    return fromStoredDocument(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export interface LocalApplication {
  id: string;
  applicationNumber: string | null;
  identity: EntityIdentity;
  names: string[];
}

interface Row {
  id: string;
  kind: string;
  status: string;
  application_number: string | null;
  data: string;
  updated_at: string;
  created_at: string;
  created_by: string;
  display_name: string | null;
  staff_number: string | null;
}

/** Another clerk's first application still being typed (FAQ 8, issue 13 item 9): a notice, not a block. */
interface Draft extends OpenDraft {
  createdBy: string;
}

/**
 * What `assess()` needs besides the application: reference entities and staff logins, this
 * store's pending and approved applications (FAQ 8, 18, 19), and today in Macau.
 *
 * Built on every autosave, so nothing here may cost in proportion to the number of stored
 * applications: the local identities are kept in memory and brought up to date from the
 * rows changed since the last build (index on `updated_at`). A write by another connection
 * (a CLI) shows in `PRAGMA data_version` and makes the next build start over.
 */
export function createContextBuilder(store: Store, reference: ReferenceRepo) {
  const local = new Map<string, LocalApplication>();
  let cursor = '';
  let dataVersion = -1;
  const drafts = new Map<string, Draft>();
  let pending: PendingApplication[] = [];
  const changedSince = store.db.prepare<[string], Row>(
    `SELECT a.id, a.kind, a.status, a.application_number, a.data, a.updated_at, a.created_at, a.created_by, u.display_name, u.staff_number
     FROM applications a LEFT JOIN users u ON a.created_by = 'staff:' || u.staff_number WHERE a.updated_at >= ? ORDER BY a.updated_at`,
  );
  const creatorOf = store.db.prepare<[string], { created_by: string }>('SELECT created_by FROM applications WHERE id = ?');

  function refresh(): void {
    const v = store.db.pragma('data_version', { simple: true }) as number;
    if (v !== dataVersion) {
      local.clear();
      drafts.clear();
      cursor = '';
      dataVersion = v;
    }
    let changed = false;
    for (const r of changedSince.iterate(cursor)) {
      if (r.updated_at > cursor) cursor = r.updated_at;
      const had = local.delete(r.id);
      drafts.delete(r.id);
      changed ||= had;
      const draft = r.status === 'draft' && r.kind === 'first_application';
      if (!draft && !COUNTS_AS_TAKEN.includes(r.status as ApplicationStatus)) continue;
      const parsed = ApplicationSchema.safeParse(bodyOf(r.data));
      if (!parsed.success) continue;
      if (draft) {
        drafts.set(r.id, {
          id: r.id,
          identity: entityIdentity(parsed.data),
          createdBy: r.created_by,
          by: r.display_name && r.staff_number ? staffLabel(r.display_name, r.staff_number) : r.created_by,
          // An instant: the text types it ({since, datetime}) and the clerk's language writes it.
          since: r.created_at,
        });
        continue;
      }
      const e = parsed.data.entity.names;
      local.set(r.id, {
        id: r.id,
        applicationNumber: r.application_number,
        identity: entityIdentity(parsed.data),
        names: [e.zh, e.pt, e.en].filter((n): n is string => Boolean(n)),
      });
      changed = true;
    }
    if (changed) pending = [...local.values()].map((a) => ({ id: a.id, identity: a.identity, applicationNumber: a.applicationNumber, names: a.names }));
  }

  /** Drafts of other clerks only: a clerk's own second draft is theirs to see in the work list. */
  function otherClerksDrafts(applicationId: string | undefined): OpenDraft[] {
    if (drafts.size === 0) return [];
    const me = applicationId ? creatorOf.get(applicationId)?.created_by : undefined;
    const out: OpenDraft[] = [];
    for (const d of drafts.values()) if (d.id !== applicationId && d.createdBy !== me) out.push({ id: d.id, identity: d.identity, by: d.by, since: d.since });
    return out;
  }

  return {
    build(applicationId: string | undefined, at: Date): AssessmentContext {
      refresh();
      const ref = reference.snapshot();
      return {
        referenceEntities: ref.entities,
        staffLogins: ref.staffLogins,
        pendingApplications: pending,
        openDrafts: otherClerksDrafts(applicationId),
        today: macauDay(at),
        ...(applicationId ? { applicationId } : {}),
      };
    },
    /** A pending or approved local application, for the duplicate notice. */
    localApplication(id: string): LocalApplication | undefined {
      refresh();
      return local.get(id);
    },
  };
}

export type ContextBuilder = ReturnType<typeof createContextBuilder>;
