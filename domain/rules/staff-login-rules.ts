import { checkIdNumber, normaliseIdText } from '../identifiers';
import type { Application } from '../model/application';
import { req, type AssessmentContext, type ReferenceStaffLogin, type Requirement } from './requirement';
import { RULE_TEXTS as T } from './rule-texts';

type StaffSection = Application['securityCode'] | Application['faceRecognition'];

/** The staff login named on the form, matched to reference data by login id and entity number. */
export function staffLoginRequirements(
  prefix: string,
  section: StaffSection,
  ctx: AssessmentContext,
  source: string,
): { out: Requirement[]; login: ReferenceStaffLogin | undefined } {
  const loginId = (section.staffLoginId ?? '').trim();
  const entityNumber = normaliseIdText(section.entityNumber ?? '');
  const out: Requirement[] = [];
  out.push(req(`${prefix}.login-id`, loginId !== '', source, T.staffLoginId, { params: { loginId } }));
  out.push(req(`${prefix}.entity-number`, entityNumber !== '', source, T.staffEntityNumber, { params: { entityNumber } }));
  const login = ctx.staffLogins.find((l) => l.loginId.toLowerCase() === loginId.toLowerCase() && normaliseIdText(l.entityNumber) === entityNumber);
  if (loginId !== '' && entityNumber !== '') {
    out.push(req(`${prefix}.login-known`, login !== undefined, source, T.staffLoginKnown, { params: { loginId, entityNumber } }));
  }
  const shown = section.idDocumentShown;
  const checked = checkIdNumber(shown.type, shown.number, shown.issuingCountry);
  out.push(
    req(`${prefix}.id-number`, checked.valid, source, T.idNumber, {
      params: { value: checked.value },
      ...(checked.problem ? { missingKey: checked.problem.key } : {}),
    }),
  );
  if (login) {
    const same = shown.type === login.idType && checked.value === checkIdNumber(login.idType, login.idNumber).value;
    out.push(req(`${prefix}.id-matches`, same, source, T.staffIdMatches));
  }
  return { out, login };
}
