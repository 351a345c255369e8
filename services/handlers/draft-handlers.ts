import { z } from 'zod';
import { ApiError } from '../../api/result';
import { DraftEntitySchema, type Output } from '../../api/contract';
import type { Handlers } from '../../api/dispatch';
import type { CoreDeps } from '../core/app-core';
import type { ApplicationRecord, SearchTerms } from '../store';

type DraftEntity = z.infer<typeof DraftEntitySchema>;

// Until sign-in lands (issue 7) every action is recorded against the workstation itself,
// so the audit trail is honest about not knowing which clerk acted.
const actorFor = (deps: CoreDeps) => `workstation:${deps.config.workstationId}`;

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

export function createDraftHandlers(deps: CoreDeps): Pick<Handlers, 'drafts.create' | 'drafts.save' | 'drafts.get' | 'applications.list'> {
  const { store } = deps;
  return {
    'drafts.create': ({ kind, entity }) => {
      const rec = store.applications.createDraft({ kind, data: { entity }, search: termsFor(entity), actor: actorFor(deps) });
      return toDraftRecord(rec);
    },
    'drafts.save': ({ id, expectedRevision, entity }) => {
      const rec = store.applications.saveDraft(id, { data: { entity }, search: termsFor(entity), actor: actorFor(deps), expectedRevision });
      return toDraftRecord(rec);
    },
    'drafts.get': ({ id }) => {
      const rec = store.applications.get(id);
      if (!rec) throw new ApiError('not_found', 'No such application', 'api.error.notFound');
      return toDraftRecord(rec);
    },
    'applications.list': ({ statuses, limit }) =>
      store.applications.list({ statuses, limit: limit ?? 200 }).map((s) => ({
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
