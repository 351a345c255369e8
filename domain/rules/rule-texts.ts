import type { MessageKey } from '../../i18n';

/**
 * What a requirement says when it is met and when it is not (issue 13, item 4): the checklist
 * shows the one that matches the state, so a met item never reads as its own failure. `also`
 * lists other "not met" wordings the rule picks by what exactly is wrong (an ID number's
 * format, a plain copy of a power of attorney …).
 */
export interface RuleText {
  met: MessageKey;
  missing: MessageKey;
  also?: readonly MessageKey[];
}

const ID_PROBLEMS = [
  'rules.id.type_missing',
  'rules.id.bir_format',
  'rules.id.hk_format',
  'rules.id.hk_check',
  'rules.id.cn_format',
  'rules.id.cn_check',
  'rules.id.permit_format',
  'rules.id.passport_format',
  'rules.id.passport_country',
  'rules.id.other_format',
] as const satisfies readonly MessageKey[];

const paper = (p: 'application_form' | 'agreement' | 'admin_form') =>
  ({
    original: { met: `rules.paper.${p}.met`, missing: `rules.paper.${p}` },
    signed: { met: `rules.paper.${p}.signed`, missing: `rules.paper.${p}.signed.missing` },
    sealed: { met: `rules.paper.${p}.sealed`, missing: `rules.paper.${p}.sealed.missing` },
  }) as const satisfies Record<string, RuleText>;

/** Every requirement's pair of texts; the catalogue test holds each pair to both texts in every language. */
export const RULE_TEXTS = {
  fee: { met: 'rules.fee.free', missing: 'rules.fee.charged' },
  entityType: { met: 'rules.entity.counter_accepts', missing: 'rules.entity.type' },
  entityName: { met: 'rules.entity.name.met', missing: 'rules.entity.name' },
  commercialRegistration: { met: 'rules.entity.commercial_registration.met', missing: 'rules.entity.commercial_registration' },
  associationRegistration: { met: 'rules.entity.association_registration.met', missing: 'rules.entity.association_registration' },
  statutesDate: { met: 'rules.entity.statutes_date.met', missing: 'rules.entity.statutes_date' },
  taxpayerNumber: { met: 'rules.taxpayer.valid', missing: 'rules.taxpayer.format', also: ['rules.taxpayer.not_entity'] },
  entityNumber: { met: 'rules.entity.entity_number.met', missing: 'rules.entity.entity_number' },
  contact: { met: 'rules.entity.contact.met', missing: 'rules.entity.contact' },
  changes: { met: 'rules.change.none.met', missing: 'rules.change.none' },
  removedAdmins: { met: 'rules.change.removed_admins.met', missing: 'rules.change.removed_admins' },
  idNumber: { met: 'rules.id.valid', missing: 'rules.id.empty', also: ID_PROBLEMS },
  idExpiry: { met: 'rules.id.valid_until', missing: 'rules.id.expired' },
  personKnown: { met: 'rules.person.known', missing: 'rules.person.unknown' },
  personName: { met: 'rules.person.name.met', missing: 'rules.person.name' },
  lrCount: { met: 'rules.lr.some', missing: 'rules.lr.none' },
  lrIdSighted: { met: 'rules.lr.id_sighted.met', missing: 'rules.lr.id_sighted' },
  lrIdCopy: { met: 'rules.lr.id_copy.met', missing: 'rules.lr.id_copy' },
  lrSpecimenStated: { met: 'rules.lr.specimen_stated', missing: 'rules.lr.specimen_unstated' },
  lrNoSpecimen: { met: 'rules.lr.no_specimen.met', missing: 'rules.lr.no_specimen' },
  lrSignatureMatches: { met: 'rules.lr.signature_matches', missing: 'rules.lr.signature_matches.missing' },
  poaAttorney: { met: 'rules.poa.attorney.met', missing: 'rules.poa.attorney' },
  poaForm: { met: 'rules.poa.form.met', missing: 'rules.poa.form', also: ['rules.poa.plain_copy'] },
  poaNotarised: { met: 'rules.poa.notarised.met', missing: 'rules.poa.notarised' },
  poaConsentOpenAccount: { met: 'rules.poa.wording.consent_open_account', missing: 'rules.poa.wording.consent_open_account.missing' },
  poaNamesWhoMayAct: { met: 'rules.poa.wording.names_who_may_act', missing: 'rules.poa.wording.names_who_may_act.missing' },
  poaAttorneyIdCopy: { met: 'rules.poa.attorney_id_copy.met', missing: 'rules.poa.attorney_id_copy' },
  adminCount: { met: 'rules.admins.count', missing: 'rules.admins.none', also: ['rules.admins.too_many'] },
  adminOnce: { met: 'rules.admins.once', missing: 'rules.admins.duplicate' },
  adminIdCopy: { met: 'rules.admins.id_copy.met', missing: 'rules.admins.id_copy' },
  adminMobile: { met: 'rules.admins.mobile', missing: 'rules.mobile.format', also: ['rules.mobile.macau_format'] },
  adminEmail: { met: 'rules.admins.email', missing: 'rules.email.format' },
  adminConsent: { met: 'rules.admins.consent', missing: 'rules.admins.consent.missing' },
  applicationForm: paper('application_form'),
  agreement: paper('agreement'),
  adminForm: paper('admin_form'),
  duplicateAccount: {
    met: 'rules.duplicate.account.none',
    missing: 'rules.duplicate.account.taxpayer_number',
    also: ['rules.duplicate.account.registration_number'],
  },
  sameNameAccount: { met: 'rules.duplicate.account.name.recorded', missing: 'rules.duplicate.account.name' },
  duplicatePending: {
    met: 'rules.duplicate.pending.none',
    missing: 'rules.duplicate.pending.taxpayer_number',
    also: ['rules.duplicate.pending.registration_number'],
  },
  openDraft: { met: 'rules.duplicate.draft.none', missing: 'rules.duplicate.draft.other' },
  sameNamePending: { met: 'rules.duplicate.pending.name.recorded', missing: 'rules.duplicate.pending.name' },
  staffLoginId: { met: 'rules.staff.login_id.met', missing: 'rules.staff.login_id' },
  staffEntityNumber: { met: 'rules.staff.entity_number.met', missing: 'rules.staff.entity_number' },
  staffLoginKnown: { met: 'rules.staff.known', missing: 'rules.staff.unknown' },
  staffIdMatches: { met: 'rules.staff.id_matches', missing: 'rules.staff.id_mismatch' },
  securityCodeNonMacauId: { met: 'rules.security_code.non_macau_id', missing: 'rules.security_code.macau_id' },
  securityCodeActivated: { met: 'rules.security_code.activated', missing: 'rules.security_code.not_activated' },
  securityCodeIdSighted: {
    met: 'rules.security_code.id_sighted',
    missing: 'rules.security_code.id_sighted.missing',
    also: ['rules.security_code.id_not_original'],
  },
  // Issue 16: a form never enables the security code; the rule always says `eid.intake.useScreen`.
  securityCodeQr: { met: 'rules.security_code.qr.met', missing: 'rules.security_code.qr', also: ['eid.intake.useScreen'] },
  faceRecognitionMacauId: { met: 'rules.face_recognition.macau_id', missing: 'rules.face_recognition.non_macau_id' },
  faceRecognitionActivated: { met: 'rules.face_recognition.activated', missing: 'rules.face_recognition.not_activated' },
  faceRecognitionSwitchedOff: {
    met: 'rules.face_recognition.switched_off',
    missing: 'rules.face_recognition.already_enabled',
    also: ['rules.face_recognition.locked'],
  },
  faceRecognitionIdOriginal: { met: 'rules.face_recognition.id_original.met', missing: 'rules.face_recognition.id_original' },
} as const;

/** Items that do not apply have one text: they are neither met nor missing. */
export const NOT_APPLICABLE_TEXTS = ['rules.poa.not_used', 'rules.lr.bir_no_copy'] as const satisfies readonly MessageKey[];

/** Every pair in the table, flattened (the paper entries nest three pairs each). */
export function allRuleTexts(): RuleText[] {
  const out: RuleText[] = [];
  for (const v of Object.values(RULE_TEXTS) as unknown[]) {
    if (typeof v === 'object' && v !== null && 'met' in v) out.push(v as RuleText);
    else out.push(...Object.values(v as Record<string, RuleText>));
  }
  return out;
}
