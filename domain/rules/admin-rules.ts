import { checkEmail, checkMobile } from '../identifiers';
import { normaliseIdText } from '../identifiers';
import { req, type Requirement, type Rule } from './requirement';
import { isCopyKept, isTicked, personById } from './lookup';
import { idDocumentRequirements } from './person-id-rules';
import { checks, slots } from './slots';
import { RULE_TEXTS as T } from './rule-texts';

/** ps-2112a: at most three admin staff logins (FAQ 12 only says at least one). */
export const MAX_ADMINS = 3;

const countSource = (n: number): string => (n === 0 ? 'FAQ 12' : 'ps-2112a');

/**
 * FAQ 12: at least one entity admin; ps-2112a: at most three, each with a name, ID (copy
 * attached), email; FAQ 15: a mobile for the SMS activation code; FAQ 14: the legal
 * representative's consent. On a change of data adding admins, the account may still hold at
 * most three: ps-2112a's limit carried over to the account (ps-2112b is not in our sources).
 */
export const adminRules: Rule = (app, ctx) => {
  const adding = app.kind === 'change_of_data' && app.change.changes.includes('add_admin');
  if (app.kind !== 'first_application' && !adding) return [];
  const out: Requirement[] = [];
  const n = app.admins.length;
  if (app.kind === 'first_application') {
    out.push(
      req('admins.count', n >= 1 && n <= MAX_ADMINS, countSource(n), T.adminCount, {
        params: { count: n, max: MAX_ADMINS },
        ...(n > 0 ? { missingKey: 'rules.admins.too_many' } : {}),
      }),
    );
  } else {
    const existing = ctx.referenceEntities.find((e) => e.entityNumber === normaliseIdText(app.entity.entityNumber ?? ''))?.adminCount ?? 0;
    const removed = app.change.changes.includes('remove_admin') ? app.change.removedAdmins.length : 0;
    const total = existing - removed + n;
    out.push(
      req('admins.count', n >= 1 && total <= MAX_ADMINS, countSource(n), T.adminCount, {
        params: { count: total, max: MAX_ADMINS },
        ...(n > 0 ? { missingKey: 'rules.admins.too_many' } : {}),
      }),
    );
  }
  const seen = new Set<string>();
  for (const admin of app.admins) {
    const personId = admin.personId;
    if (seen.has(personId)) {
      out.push(req(`admin.${personId}.duplicate`, false, 'FAQ 12', T.adminOnce, { personId }));
      continue;
    }
    seen.add(personId);
    const person = personById(app, personId);
    if (!person) {
      out.push(req(`admin.${personId}.person`, false, 'ps-2112a', T.personKnown, { personId }));
      continue;
    }
    const name = person.name || personId;
    out.push(req(`admin.${personId}.name`, person.name.trim() !== '', 'ps-2112a', T.personName, { personId, params: { name: person.name } }));
    out.push(...idDocumentRequirements(`admin.${personId}`, personId, person.idDocument, ctx.today, 'ps-2112a'));
    const slot = slots.adminId(personId);
    out.push(req(`admin.${personId}.id-copy`, isCopyKept(app, slot), 'ps-2112a', T.adminIdCopy, { personId, slot, params: { name } }));
    const mobile = checkMobile(person.mobile ?? '');
    out.push(
      req(`admin.${personId}.mobile`, mobile.valid, 'FAQ 15', T.adminMobile, {
        personId,
        params: { value: mobile.value },
        ...(mobile.problem ? { missingKey: mobile.problem.key } : {}),
      }),
    );
    const email = checkEmail(person.email ?? '');
    out.push(req(`admin.${personId}.email`, email.valid, 'ps-2112a', T.adminEmail, { personId, params: { value: email.value } }));
    const checkId = checks.adminConsent(personId);
    out.push(req(`admin.${personId}.lr-consent`, isTicked(app, checkId), 'FAQ 14', T.adminConsent, { personId, checkId, params: { name } }));
  }
  return out;
};
