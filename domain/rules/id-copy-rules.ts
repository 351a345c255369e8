import type { Rule, Requirement } from './requirement';
import { notApplicable, req } from './requirement';
import { isMacauId } from '../identifiers';
import type { IdDocument } from '../model/application';
import { isCopyKept, isOriginalOrCertified, personById, sightingOf } from './lookup';
import { idDocumentRequirements } from './person-id-rules';
import { checks, slots } from './slots';
import { RULE_TEXTS as T } from './rule-texts';

const NEEDS_LRS = new Set(['first_application', 'change_of_data']);

/**
 * FAQ 5: an ID without a signature specimen changes what the representative must do. A Macau
 * BIR carries its holder's signature, so only an explicit "no" counts there; for any other ID
 * (HK ID, mainland ID, passport …) an unanswered question is left for the clerk to answer,
 * never read as "has a specimen" (issue 3 audit: that let an HK ID through unchecked).
 */
function signatureSpecimen(doc: IdDocument): 'present' | 'absent' | 'unstated' {
  if (doc.bearsSignatureSpecimen === true) return 'present';
  if (doc.bearsSignatureSpecimen === false) return 'absent';
  return isMacauId(doc.type) ? 'present' : 'unstated';
}

/**
 * FAQ 5 and ps-2112a: every legal representative's ID is sighted in original or certified
 * copy, and its signature compared with the papers. An ID without a signature specimen is
 * accepted only if the person signs in person or brings a copy of another ID that bears one.
 */
export const idCopyRules: Rule = (app, ctx) => {
  if (!NEEDS_LRS.has(app.kind)) return [];
  if (app.kind === 'change_of_data' && !app.change.changes.includes('legal_representatives') && app.legalRepresentatives.length === 0) {
    return [];
  }
  const out: Requirement[] = [];
  out.push(req('lr.count', app.legalRepresentatives.length > 0, 'ps-2112a', T.lrCount));
  for (const lr of app.legalRepresentatives) {
    const personId = lr.personId;
    const person = personById(app, personId);
    if (!person) {
      out.push(req(`lr.${personId}.person`, false, 'ps-2112a', T.personKnown, { personId }));
      continue;
    }
    const name = person.name || personId;
    out.push(req(`lr.${personId}.name`, person.name.trim() !== '', 'ps-2112a', T.personName, { personId, params: { name: person.name } }));
    // ps-2112a: the ID is shown at the counter; FAQ 5 and ps-2112a are silent on expiry, so an
    // expired ID warns rather than blocks (issue 3 audit).
    out.push(...idDocumentRequirements(`lr.${personId}`, personId, person.idDocument, ctx.today, 'FAQ 5', 'ps-2112a'));
    const slot = slots.lrId(personId);
    out.push(
      req(`lr.${personId}.id-sighted`, isOriginalOrCertified(sightingOf(app, slot)), 'ps-2112a', T.lrIdSighted, {
        personId,
        slot,
        params: { name },
      }),
    );
    // FAQ 5: a Macau BIR needs no copy; any other ID document leaves a copy with the form.
    if (isMacauId(person.idDocument.type)) {
      out.push(notApplicable(`lr.${personId}.id-copy`, 'FAQ 5', 'rules.lr.bir_no_copy', { personId, slot }));
    } else {
      const copied = (app.documents[slot]?.attachments.length ?? 0) > 0;
      out.push(req(`lr.${personId}.id-copy`, copied, 'FAQ 5', T.lrIdCopy, { personId, slot, params: { name } }));
    }
    const specimen = signatureSpecimen(person.idDocument);
    if (specimen === 'unstated') {
      // FAQ 5: which check applies depends on the answer, so it is asked, never assumed.
      out.push(req(`lr.${personId}.specimen-stated`, false, 'FAQ 5', T.lrSpecimenStated, { personId, params: { name } }));
    } else if (specimen === 'absent') {
      const signedSlot = slots.lrSignedId(personId);
      const met = lr.attendsInPerson || isCopyKept(app, signedSlot);
      out.push(req(`lr.${personId}.signature-specimen`, met, 'FAQ 5', T.lrNoSpecimen, { personId, slot: signedSlot, params: { name } }));
    } else {
      const checkId = checks.lrSignatureMatches(personId);
      out.push(
        req(`lr.${personId}.signature-matches`, app.checks[checkId] !== undefined, 'FAQ 5', T.lrSignatureMatches, {
          personId,
          checkId,
          params: { name },
        }),
      );
    }
  }
  return out;
};
