import { bad, ok, type CheckResult } from './check-result';
import { normaliseIdText, normalisePhoneText } from './normalise';

/**
 * Mobile for the SMS activation code: Macau numbers (8 digits starting 6, with or without
 * +853/00853) are stored as +853XXXXXXXX; foreign numbers must be full E.164.
 */
export function checkMobile(raw: string): CheckResult {
  let s = normalisePhoneText(raw);
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  // Eight digits without a prefix are a Macau number, so a landline gets the Macau reason.
  if (/^\d{8}$/.test(s)) s = `+853${s}`;
  else if (/^853\d{8}$/.test(s)) s = `+${s}`;
  if (s.startsWith('+853')) {
    return /^\+8536\d{7}$/.test(s) ? ok(s) : bad(s, { key: 'rules.mobile.macau_format' });
  }
  return /^\+[1-9]\d{6,14}$/.test(s) ? ok(s) : bad(s, { key: 'rules.mobile.format' });
}

/**
 * The entity's contact telephone (section 5): any Macau number (8 digits, landline or
 * mobile, with or without +853/00853) is stored as +853XXXXXXXX; a foreign one in E.164.
 */
export function checkPhone(raw: string): CheckResult {
  let s = normalisePhoneText(raw);
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (/^\d{8}$/.test(s)) s = `+853${s}`;
  else if (/^853\d{8}$/.test(s)) s = `+${s}`;
  if (s.startsWith('+853')) return /^\+853\d{8}$/.test(s) ? ok(s) : bad(s, { key: 'rules.phone.format' });
  return /^\+[1-9]\d{6,14}$/.test(s) ? ok(s) : bad(s, { key: 'rules.phone.format' });
}

/** Taxpayer number (納稅人編號): 8 digits; entities' numbers start with 8. */
export function checkTaxpayerNumber(raw: string, opts: { entity?: boolean } = {}): CheckResult {
  const s = normaliseIdText(raw);
  if (!/^\d{8}$/.test(s)) return bad(s, { key: 'rules.taxpayer.format' });
  if (opts.entity && !s.startsWith('8')) return bad(s, { key: 'rules.taxpayer.not_entity' });
  return ok(s);
}

export function checkEmail(raw: string): CheckResult {
  const s = raw.normalize('NFKC').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? ok(s) : bad(s, { key: 'rules.email.format' });
}
