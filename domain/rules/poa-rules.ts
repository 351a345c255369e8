import { notApplicable, req, type Requirement, type Rule } from './requirement';
import { isCopyKept, isOriginalOrCertified, isTicked, personById, sightingOf } from './lookup';
import { idDocumentRequirements } from './person-id-rules';
import { checks, POA_WORDING, slots } from './slots';

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
  out.push(req('poa.attorney', attorney !== undefined, 'FAQ 6', 'rules.poa.attorney', { personId: attorneyId }));
  if (attorney) out.push(...idDocumentRequirements('poa.attorney', attorney.id, attorney.idDocument, ctx.today, 'FAQ 6'));
  const form = sightingOf(app, slots.poa);
  out.push(req('poa.form', isOriginalOrCertified(form), 'FAQ 6', form === 'copy' ? 'rules.poa.plain_copy' : 'rules.poa.form', { slot: slots.poa }));
  out.push(req('poa.notarised', poa.notarisedSignature === true, 'FAQ 6', 'rules.poa.notarised', { slot: slots.poa }));
  for (const item of POA_WORDING) {
    const checkId = checks.poaWording(item);
    out.push(req(`poa.wording.${item}`, isTicked(app, checkId), 'FAQ 6', `rules.poa.wording.${item}`, { slot: slots.poa, checkId }));
  }
  out.push(
    req('poa.attorney-id-copy', isCopyKept(app, slots.attorneyId), 'FAQ 6', 'rules.poa.attorney_id_copy', {
      personId: attorneyId,
      slot: slots.attorneyId,
    }),
  );
  return out;
};
