import { entityIdentity, matchIdentity, normaliseEntityName, type IdentityMatch } from './entity-identity';
import { normaliseIdText } from '../identifiers';
import { req, type Requirement, type Rule } from './requirement';

/**
 * FAQ 8: one entity, one account. A first application is refused when the entity already
 * has an account (reference data) or another application for it is pending.
 */
export const duplicateEntityRules: Rule = (app, ctx) => {
  if (app.kind !== 'first_application') return [];
  const me = entityIdentity(app);
  const out: Requirement[] = [];
  let existing: { entityNumber: string; by: IdentityMatch } | undefined;
  for (const e of ctx.referenceEntities) {
    const by = matchIdentity(me, {
      names: [e.names.zh, e.names.pt, e.names.en].map((n) => normaliseEntityName(n ?? '')).filter((n) => n !== ''),
      registrationNumbers: e.registrationNumbers.map(normaliseIdText).filter((n) => n !== ''),
      ...(e.taxpayerNumber ? { taxpayerNumber: normaliseIdText(e.taxpayerNumber) } : {}),
    });
    if (by) {
      existing = { entityNumber: e.entityNumber, by };
      break;
    }
  }
  out.push(
    req('entity.no-existing-account', existing === undefined, 'FAQ 8', `rules.duplicate.account.${existing?.by ?? 'name'}`, {
      params: { entityNumber: existing?.entityNumber ?? '' },
    }),
  );
  let pending: { id: string; by: IdentityMatch } | undefined;
  for (const p of ctx.pendingApplications) {
    if (p.id === ctx.applicationId) continue;
    const by = matchIdentity(me, p.identity);
    if (by) {
      pending = { id: p.id, by };
      break;
    }
  }
  out.push(
    req('entity.no-pending-application', pending === undefined, 'FAQ 8', `rules.duplicate.pending.${pending?.by ?? 'name'}`, {
      params: { applicationId: pending?.id ?? '' },
    }),
  );
  return out;
};
