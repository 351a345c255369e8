import { z } from 'zod';
import { ApiError } from '../../api/result';
import { DraftEntitySchema, type Output } from '../../api/contract';
import type { Handlers } from '../../api/dispatch';
import type { CoreDeps } from '../core/app-core';
import type { ApplicationRecord, SearchTerms } from '../store';
import type { SessionState } from '../auth';
import { sessionServices } from './session-services';

type DraftEntity = z.infer<typeof DraftEntitySchema>;

// Intake is clerks' and supervisors' work; a workstation administrator manages users, not forms.
const INTAKE_ROLES = ['clerk', 'supervisor'] as const;

const StoredDraftSchema = z.object({ entity: DraftEntitySchema }).passthrough();

function termsFor(entity: DraftEntity): SearchTerms {
  return { entityNames: [entity.nameZh, entity.namePt].filter((n) => n.trim() !== ''), registrationNumbers: [], idNumbers: [] };
}

export function toDraftRecord(rec: ApplicationRecord): Output<'drafts.get'> {
  const parsed = StoredDraftSchema.safeParse(rec.data);
  const entity: DraftEntity = parsed.success ? parsed.data.entity : { type: null, nameZh: '', namePt: '' };
  return {
    id: rec.id,
    kind: rec.kind,
    status: rec.status,
    revision: rec.revision,
    entity,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
  };
}

export function createDraftHandlers(deps: CoreDeps, session: SessionState): Pick<Handlers, 'drafts.create' | 'drafts.save' | 'drafts.get' | 'applications.list'> {
  const { store } = deps;
  const me = () => sessionServices(deps, session).auth.requireUser(INTAKE_ROLES);
  // Sessions are never shared: a user sees and opens only what they took in, so the next
  // user at this workstation does not see the previous one's drafts.
  const own = (id: string) => {
    const user = me();
    const rec = store.applications.get(id);
    if (!rec || rec.createdBy !== user.actor) throw new ApiError('not_found', 'No such application', 'api.error.notFound');
    return { user, rec };
  };
  return {
    'drafts.create': ({ kind, entity }) => {
      const rec = store.applications.createDraft({ kind, data: { entity }, search: termsFor(entity), actor: me().actor });
      return toDraftRecord(rec);
    },
    'drafts.save': ({ id, expectedRevision, entity }) => {
      const { user } = own(id);
      const rec = store.applications.saveDraft(id, { data: { entity }, search: termsFor(entity), actor: user.actor, expectedRevision });
      return toDraftRecord(rec);
    },
    'drafts.get': ({ id }) => {
      return toDraftRecord(own(id).rec);
    },
    'applications.list': ({ statuses, limit }) =>
      store.applications.list({ statuses, limit: limit ?? 200, createdBy: me().actor }).map((s) => ({
        id: s.id,
        kind: s.kind,
        status: s.status,
        applicationNumber: s.applicationNumber,
        entityNames: s.entityNames,
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        createdBy: s.createdBy,
      })),
  };
}
