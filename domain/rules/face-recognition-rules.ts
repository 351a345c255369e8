import { isMacauId } from '../identifiers';
import { sightingOf } from './lookup';
import { req, type ReferenceStaffLogin, type Requirement, type Rule } from './requirement';
import { slots } from './slots';
import { staffLoginRequirements } from './staff-login-rules';
import { RULE_TEXTS as T } from './rule-texts';

/**
 * FAQ 18: a login registered with a Macau ID has face recognition on by default (無需辦理手續);
 * only when the person switched it off themselves (倘人員自行關閉) is it re-enabled at a
 * service point. So the counter refuses a login whose face recognition is already on, and one
 * not yet activated (its face recognition comes on by default once it is). A locked state is
 * not the case the FAQ names: it warns so that the approver decides.
 */
function loginState(login: ReferenceStaffLogin): Requirement[] {
  const activated = req('face_recognition.activated', login.activated, 'FAQ 18', T.faceRecognitionActivated);
  const state = req('face_recognition.switched-off', login.faceRecognition === 'disabled', 'FAQ 18', T.faceRecognitionSwitchedOff, {
    blocking: login.faceRecognition === 'enabled',
    ...(login.faceRecognition === 'locked' ? { missingKey: 'rules.face_recognition.locked' } : {}),
  });
  return [activated, state];
}

/** FAQ 18: face recognition can be re-enabled at the counter only for Macau-ID logins. */
export const faceRecognitionRules: Rule = (app, ctx) => {
  if (app.kind !== 'face_recognition') return [];
  const fr = app.faceRecognition;
  const { out, login } = staffLoginRequirements('face_recognition', fr, ctx, 'FAQ 18');
  out.push(req('face_recognition.macau-id', isMacauId(login?.idType ?? fr.idDocumentShown.type), 'FAQ 18', T.faceRecognitionMacauId));
  // Without reference data for the login, login-known already blocks; nothing to say here.
  if (login) out.push(...loginState(login));
  out.push(
    req('face_recognition.id-sighted', sightingOf(app, slots.faceRecognitionId) === 'original', 'FAQ 18', T.faceRecognitionIdOriginal, {
      slot: slots.faceRecognitionId,
    }),
  );
  return out;
};
