import { ApplicationSchema } from '../../domain/model/application';
import type { ApplicationStatus } from '../../domain/model/codes';
import { entityIdentity, type AssessmentContext, type EntityIdentity, type PendingApplication } from '../../domain/rules';
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
  let pending: PendingApplication[] = [];
  const changedSince = store.db.prepare<[string], Row>(
    'SELECT id, kind, status, application_number, data, updated_at FROM applications WHERE updated_at >= ? ORDER BY updated_at',
  );

  function refresh(): void {
    const v = store.db.pragma('data_version', { simple: true }) as number;
    if (v !== dataVersion) {
      local.clear();
      cursor = '';
      dataVersion = v;
    }
    let changed = false;
    for (const r of changedSince.iterate(cursor)) {
      if (r.updated_at > cursor) cursor = r.updated_at;
      const had = local.delete(r.id);
      changed ||= had;
      if (!COUNTS_AS_TAKEN.includes(r.status as ApplicationStatus)) continue;
      const parsed = ApplicationSchema.safeParse(bodyOf(r.data));
      if (!parsed.success) continue;
      const e = parsed.data.entity.names;
      local.set(r.id, {
        id: r.id,
        applicationNumber: r.application_number,
        identity: entityIdentity(parsed.data),
        names: [e.zh, e.pt, e.en].filter((n): n is string => Boolean(n)),
      });
      changed = true;
    }
    if (changed) pending = [...local.values()].map((a) => ({ id: a.id, identity: a.identity }));
  }

  return {
    build(applicationId: string | undefined, at: Date): AssessmentContext {
      refresh();
      const ref = reference.snapshot();
      return {
        referenceEntities: ref.entities,
        staffLogins: ref.staffLogins,
        pendingApplications: pending,
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
