import { entityIdentity, matchIdentity, normaliseEntityName, type IdentityMatch } from './entity-identity';
import { normaliseIdText } from '../identifiers';
import { req, type EntityIdentity, type ReferenceEntity, type Requirement, type Rule } from './requirement';

interface IndexedReference {
  entityNumber: string;
  identity: EntityIdentity;
}

// The reference list is large (every account) and the same for every keystroke, while the
// draft changes: normalise the list once per list object, not once per assessment.
const referenceIndex = new WeakMap<readonly ReferenceEntity[], IndexedReference[]>();

function indexReferences(list: readonly ReferenceEntity[]): IndexedReference[] {
  let indexed = referenceIndex.get(list);
  if (!indexed) {
    indexed = list.map((e) => ({
      entityNumber: e.entityNumber,
      identity: {
        names: [e.names.zh, e.names.pt, e.names.en].map((n) => normaliseEntityName(n ?? '')).filter((n) => n !== ''),
        registrationNumbers: e.registrationNumbers.map(normaliseIdText).filter((n) => n !== ''),
        ...(e.taxpayerNumber ? { taxpayerNumber: normaliseIdText(e.taxpayerNumber) } : {}),
      },
    }));
    referenceIndex.set(list, indexed);
  }
  return indexed;
}

/** The strongest match over a list: a taxpayer number beats a registration number beats a name. */
function strongest<T>(items: readonly T[], identityOf: (t: T) => EntityIdentity | undefined, me: EntityIdentity): { item: T; by: IdentityMatch } | undefined {
  const rank: Record<IdentityMatch, number> = { taxpayer_number: 3, registration_number: 2, name: 1 };
  let best: { item: T; by: IdentityMatch } | undefined;
  for (const item of items) {
    const id = identityOf(item);
    const by = id ? matchIdentity(me, id) : undefined;
    if (by && (!best || rank[by] > rank[best.by])) best = { item, by };
    if (best?.by === 'taxpayer_number') break;
  }
  return best;
}

/**
 * FAQ 8: one entity, one account. A first application is refused when the entity already
 * has an account (reference data) or another application for it is pending.
 */
export const duplicateEntityRules: Rule = (app, ctx) => {
  if (app.kind !== 'first_application') return [];
  const me = entityIdentity(app);
  const out: Requirement[] = [];
  const existing = strongest(indexReferences(ctx.referenceEntities), (r) => r.identity, me);
  out.push(
    req('entity.no-existing-account', existing === undefined, 'FAQ 8', `rules.duplicate.account.${existing?.by ?? 'name'}`, {
      params: { entityNumber: existing?.item.entityNumber ?? '' },
    }),
  );
  const pending = strongest(ctx.pendingApplications, (p) => (p.id === ctx.applicationId ? undefined : p.identity), me);
  out.push(
    req('entity.no-pending-application', pending === undefined, 'FAQ 8', `rules.duplicate.pending.${pending?.by ?? 'name'}`, {
      params: { applicationId: pending?.item.id ?? '' },
    }),
  );
  return out;
};
