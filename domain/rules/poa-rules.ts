import { notApplicable, req, type Requirement, type Rule } from './requirement';
import { isCopyKept, isOriginalOrCertified, isTicked, personById, sightingOf } from './lookup';
import { idDocumentRequirements } from './person-id-rules';
import { checks, POA_WORDING, slots, type PoaWording } from './slots';
import { RULE_TEXTS as T, type RuleText } from './rule-texts';

const WORDING: Record<PoaWording, RuleText> = { consent_open_account: T.poaConsentOpenAccount, names_who_may_act: T.poaNamesWhoMayAct };

/**
 * FAQ 6: someone acting for the entity brings a power of attorney in original or certified
 * copy (a plain copy is refused), with a notarised signature, wording that consents to
 * opening the One Account entity user account and names who may open it, collect documents
 * and act; plus a copy of the attorney's ID.
 */
export const poaRules: Rule = (app, ctx) => {
  if (app.kind !== 'first_application' && app.kind !== 'change_of_data') return [];
  const poa = app.powerOfAttorney;
  if (!poa.used) return [notApplicable('poa', 'FAQ 6', 'rules.poa.not_used')];
  const out: Requirement[] = [];
  const attorneyId = poa.attorneyPersonId;
  const attorney = attorneyId ? personById(app, attorneyId) : undefined;
  out.push(req('poa.attorney', attorney !== undefined, 'FAQ 6', T.poaAttorney, { personId: attorneyId }));
  if (attorney) out.push(...idDocumentRequirements('poa.attorney', attorney.id, attorney.idDocument, ctx.today, 'FAQ 6'));
  const form = sightingOf(app, slots.poa);
  out.push(
    req('poa.form', isOriginalOrCertified(form), 'FAQ 6', T.poaForm, {
      slot: slots.poa,
      ...(form === 'copy' ? { missingKey: 'rules.poa.plain_copy' } : {}),
    }),
  );
  out.push(req('poa.notarised', poa.notarisedSignature === true, 'FAQ 6', T.poaNotarised, { slot: slots.poa }));
  for (const item of POA_WORDING) {
    const checkId = checks.poaWording(item);
    out.push(req(`poa.wording.${item}`, isTicked(app, checkId), 'FAQ 6', WORDING[item], { slot: slots.poa, checkId }));
  }
  out.push(
    req('poa.attorney-id-copy', isCopyKept(app, slots.attorneyId), 'FAQ 6', T.poaAttorneyIdCopy, {
      personId: attorneyId,
      slot: slots.attorneyId,
    }),
  );
  return out;
};
