import { isMacauId } from '../identifiers';
import { sightingOf } from './lookup';
import { req, type Rule } from './requirement';
import { slots } from './slots';
import { staffLoginRequirements } from './staff-login-rules';

/** FAQ 18: face recognition can be re-enabled at the counter only for Macau-ID logins. */
export const faceRecognitionRules: Rule = (app, ctx) => {
  if (app.kind !== 'face_recognition') return [];
  const fr = app.faceRecognition;
  const { out, login } = staffLoginRequirements('face_recognition', fr, ctx, 'FAQ 18');
  out.push(req('face_recognition.macau-id', isMacauId(login?.idType ?? fr.idDocumentShown.type), 'FAQ 18', 'rules.face_recognition.non_macau_id'));
  out.push(
    req('face_recognition.id-sighted', sightingOf(app, slots.faceRecognitionId) === 'original', 'FAQ 18', 'rules.face_recognition.id_original', {
      slot: slots.faceRecognitionId,
    }),
  );
  return out;
};
