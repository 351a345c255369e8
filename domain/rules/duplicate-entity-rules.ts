import type { Application } from '../model/application';
import { entityIdentity, matchIdentity, normaliseEntityName, type IdentityMatch } from './entity-identity';
import { normaliseIdText } from '../identifiers';
import { req, type EntityIdentity, type PendingApplication, type ReferenceEntity, type Requirement, type Rule } from './requirement';
import { RULE_TEXTS as T, type RuleText } from './rule-texts';

interface IndexedReference {
  entityNumber: string;
  names: string[];
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
      names: [e.names.zh, e.names.pt, e.names.en].filter((n): n is string => Boolean(n?.trim())),
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

/** At most this many same-name entities are listed for the clerk to compare. */
const MAX_NAME_MATCHES = 3;

/**
 * The strongest identifier match over a list (a taxpayer number beats a registration number),
 * and the items that share only a name.
 */
function matches<T>(items: readonly T[], identityOf: (t: T) => EntityIdentity | undefined, me: EntityIdentity) {
  let exact: { item: T; by: Exclude<IdentityMatch, 'name'> } | undefined;
  const byName: T[] = [];
  for (const item of items) {
    const id = identityOf(item);
    const by = id ? matchIdentity(me, id) : undefined;
    if (by === 'name') {
      if (byName.length < MAX_NAME_MATCHES) byName.push(item);
    } else if (by && (!exact || (by === 'taxpayer_number' && exact.by !== 'taxpayer_number'))) exact = { item, by };
  }
  return { exact, byName };
}

/** Where the clerk records that a same-name entity or application is another entity (`application.distinctEntities`). */
export const distinctKey = {
  entity: (entityNumber: string) => `entity.${entityNumber.replace(/[^A-Za-z0-9_-]/g, '_')}`,
  application: (id: string) => `application.${id.replace(/[^A-Za-z0-9_-]/g, '_')}`,
};

function recorded(app: Application, key: string) {
  const r = app.distinctEntities?.[key];
  return r && r.reason.trim() !== '' ? r : undefined;
}

const listed = (names: readonly string[] | undefined) => (names && names.length > 0 ? names.join(' / ') : '—');

type Params = Record<string, string | number>;

/** The identifier block: met when nothing shares a taxpayer or registration number. */
function identifierItem(id: string, text: RuleText, exact: { by: Exclude<IdentityMatch, 'name'> } | undefined, params: Params | undefined): Requirement {
  if (!exact || !params) return req(id, true, 'FAQ 8', text);
  return req(id, false, 'FAQ 8', text, { params, ...(exact.by === 'registration_number' ? { missingKey: text.also?.[0] } : {}) });
}

/** A same-name match: blocks until the clerk records, with a reason, that it is another entity. */
function sameNameItem(app: Application, key: string, text: RuleText, params: Params): Requirement {
  const record = recorded(app, key);
  return req(`entity.same-name.${key}`, record !== undefined, 'FAQ 8', text, {
    distinctKey: key,
    params: { ...params, ...(record ? { by: record.by, reason: record.reason } : {}) },
  });
}

/**
 * FAQ 8: one entity, one account. A first application is refused when its taxpayer or
 * registration number is that of an entity with an account (reference data) or of another
 * application pending. A name alone does not prove it is the same entity (issue 13, item 7):
 * the clerk compares and records that it is another entity (who, when, why), or switches to a
 * change of data for it; until then the item blocks.
 */
export const duplicateEntityRules: Rule = (app, ctx) => {
  if (app.kind !== 'first_application') return [];
  const me = entityIdentity(app);
  const out: Requirement[] = [];

  const account = matches(indexReferences(ctx.referenceEntities), (r) => r.identity, me);
  const accountParams = account.exact && { entityNumber: account.exact.item.entityNumber };
  out.push(identifierItem('entity.no-existing-account', T.duplicateAccount, account.exact, accountParams));
  for (const ref of account.byName) {
    out.push(sameNameItem(app, distinctKey.entity(ref.entityNumber), T.sameNameAccount, { entityNumber: ref.entityNumber, names: listed(ref.names) }));
  }

  const pending = matches(ctx.pendingApplications, (p) => (p.id === ctx.applicationId ? undefined : p.identity), me);
  const numbered = (p: PendingApplication) => ({ applicationId: p.id, applicationNumber: p.applicationNumber ?? '—' });
  out.push(identifierItem('entity.no-pending-application', T.duplicatePending, pending.exact, pending.exact && numbered(pending.exact.item)));
  for (const other of pending.byName) {
    out.push(sameNameItem(app, distinctKey.application(other.id), T.sameNamePending, { ...numbered(other), names: listed(other.names) }));
  }

  // Another clerk typing a first application for the same entity: said while typing, so the
  // two can talk before either submits (the second submission would be blocked anyway).
  for (const d of ctx.openDrafts ?? []) {
    if (d.id === ctx.applicationId || !matchIdentity(me, d.identity)) continue;
    out.push(req(`entity.open-draft.${d.id}`, false, 'FAQ 8', T.openDraft, { blocking: false, params: { by: d.by, since: d.since } }));
  }
  return out;
};
