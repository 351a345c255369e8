import { req, type Requirement, type Rule } from './requirement';
import { isOriginalOrCertified, isTicked, sightingOf } from './lookup';
import { checks, slots, type Paper } from './slots';
import { RULE_TEXTS } from './rule-texts';

const TEXTS = { application_form: RULE_TEXTS.applicationForm, agreement: RULE_TEXTS.agreement, admin_form: RULE_TEXTS.adminForm } as const;

/**
 * ps-2112a: the application form, the agreement and the admin form are originals, signed by
 * the legal representative and stamped with the entity seal. A change of data (ps-2112b)
 * needs its form, plus the admin form when it adds admins.
 */
export function papersFor(app: { kind: string; change: { changes: readonly string[] } }): Paper[] {
  if (app.kind === 'first_application') return ['application_form', 'agreement', 'admin_form'];
  if (app.kind === 'change_of_data') return app.change.changes.includes('add_admin') ? ['application_form', 'admin_form'] : ['application_form'];
  return [];
}

export const paperRules: Rule = (app) => {
  const source = app.kind === 'change_of_data' ? 'ps-2112b' : 'ps-2112a';
  const out: Requirement[] = [];
  for (const paper of papersFor(app)) {
    const slot = slots.paper(paper);
    out.push(req(`${slot}.original`, isOriginalOrCertified(sightingOf(app, slot)), source, TEXTS[paper].original, { slot }));
    const signed = checks.paperSigned(paper);
    out.push(req(signed, isTicked(app, signed), source, TEXTS[paper].signed, { slot, checkId: signed }));
    const sealed = checks.paperSealed(paper);
    out.push(req(sealed, isTicked(app, sealed), source, TEXTS[paper].sealed, { slot, checkId: sealed }));
  }
  return out;
};
