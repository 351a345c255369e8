import { isMacauId } from '../identifiers';
import { sightingOf } from './lookup';
import { req, type Rule } from './requirement';
import { slots } from './slots';
import { staffLoginRequirements } from './staff-login-rules';
import { RULE_TEXTS as T } from './rule-texts';

/**
 * FAQ 19: the security code (安全驗證碼) is for staff logins registered with a non-Macau ID
 * (a Macau-ID holder uses the e-ID instead), only once the login is activated, and only to
 * the person showing the ID the login is registered with.
 */
export const securityCodeRules: Rule = (app, ctx) => {
  if (app.kind !== 'security_code') return [];
  const sc = app.securityCode;
  const { out, login } = staffLoginRequirements('security_code', sc, ctx, 'FAQ 19');
  const registeredType = login?.idType ?? sc.idDocumentShown.type;
  out.push(req('security_code.non-macau-id', !isMacauId(registeredType), 'FAQ 19', T.securityCodeNonMacauId));
  const activated = login ? login.activated : sc.loginActivated === true;
  out.push(req('security_code.activated', activated, 'FAQ 19', T.securityCodeActivated));
  // FAQ 19: 親臨辦理時，必須出示與登記工作人員登入號相同的身份證明文件: the person shows the
  // ID document itself at the counter; a copy, even a certified one, is not the ID shown.
  const sighting = sightingOf(app, slots.securityCodeId);
  const copyOnly = sighting === 'copy' || sighting === 'certified_copy';
  out.push(
    req('security_code.id-sighted', sighting === 'original', 'FAQ 19', T.securityCodeIdSighted, {
      slot: slots.securityCodeId,
      ...(copyOnly ? { missingKey: 'rules.security_code.id_not_original' } : {}),
    }),
  );
  // Issue 16: the security code is enabled on its own screen (securityCode.enable), where the QR is
  // decoded, its signature and expiry checked and its nonce consumed at once — never through an
  // application form. A form cannot carry the QR: it is valid for about two minutes and would
  // have expired long before a supervisor's approval, and text typed into a form proves nothing.
  // So any QR text on a form is ignored and the form is not submittable; the clerk is sent to
  // the screen (an older draft of this kind, or one made through the API, stops here).
  out.push(req('security_code.qr', false, 'FAQ 19', T.securityCodeQr, { missingKey: 'eid.intake.useScreen' }));
  return out;
};
