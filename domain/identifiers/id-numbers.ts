import type { IdDocumentType } from '../model/codes';
import { bad, ok, type CheckResult } from './check-result';
import { normaliseIdText } from './normalise';

// Macau BIR: the published format only (1/5/7 + 6 digits + a bracketed digit). No checksum
// is published, so none is checked here (issue 3: do not invent one).
export function checkMacauBir(raw: string): CheckResult {
  const s = normaliseIdText(raw);
  const m = /^([157]\d{6})\(?(\d)\)?$/.exec(s);
  if (!m) return bad(s, { key: 'rules.id.bir_format' });
  return ok(`${m[1]}(${m[2]})`);
}

const hkLetter = (c: string): number => (c === ' ' ? 36 : c.charCodeAt(0) - 55); // A=10 … Z=35

/** Hong Kong identity card: 1–2 letters, 6 digits, check digit (0–9 or A) by weighted mod 11. */
export function checkHongKongId(raw: string): CheckResult {
  const s = normaliseIdText(raw);
  const m = /^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$/.exec(s);
  if (!m) return bad(s, { key: 'rules.id.hk_format' });
  const letters = (m[1] ?? '').padStart(2, ' ');
  const digits = m[2] ?? '';
  const shown = `${m[1]}${digits}(${m[3]})`;
  let sum = 9 * hkLetter(letters[0] ?? ' ') + 8 * hkLetter(letters[1] ?? ' ');
  for (let i = 0; i < 6; i++) sum += (7 - i) * Number(digits[i]);
  const r = (11 - (sum % 11)) % 11;
  const expected = r === 10 ? 'A' : String(r);
  return expected === m[3] ? ok(shown) : bad(shown, { key: 'rules.id.hk_check' });
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

/** Mainland resident ID: 18 characters, ISO 7064 MOD 11-2 check character (0–9 or X). */
export function checkMainlandResidentId(raw: string): CheckResult {
  const s = normaliseIdText(raw).replace(/[()]/g, '');
  if (!/^\d{17}[\dX]$/.test(s)) return bad(s, { key: 'rules.id.cn_format' });
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * (CN_WEIGHTS[i] ?? 0);
  return CN_CHECK[sum % 11] === s[17] ? ok(s) : bad(s, { key: 'rules.id.cn_check' });
}

/** Mainland travel permit to HK/Macau (往來港澳通行證): C or W + 8 digits. */
export function checkTravelPermit(raw: string): CheckResult {
  const s = normaliseIdText(raw).replace(/[()]/g, '');
  return /^[CW]\d{8}$/.test(s) ? ok(s) : bad(s, { key: 'rules.id.permit_format' });
}

/** Passports vary by country: only letters/digits, 5–20 long, and an issuing country. */
export function checkPassport(raw: string, issuingCountry: string | undefined): CheckResult {
  const s = normaliseIdText(raw).replace(/[()]/g, '');
  if (!/^[A-Z0-9]{5,20}$/.test(s)) return bad(s, { key: 'rules.id.passport_format' });
  if (!issuingCountry || issuingCountry.trim() === '') return bad(s, { key: 'rules.id.passport_country' });
  return ok(s);
}

export function checkOtherId(raw: string): CheckResult {
  const s = normaliseIdText(raw);
  return /^[A-Z0-9()]{3,40}$/.test(s) ? ok(s) : bad(s, { key: 'rules.id.other_format' });
}

/** Dispatch by document type; an empty number or missing type is its own clear problem. */
export function checkIdNumber(type: IdDocumentType | undefined, raw: string, issuingCountry?: string): CheckResult {
  if (normaliseIdText(raw) === '') return bad('', { key: 'rules.id.empty' });
  switch (type) {
    case 'mo_bir_permanent':
    case 'mo_bir_non_permanent':
      return checkMacauBir(raw);
    case 'hk_id':
      return checkHongKongId(raw);
    case 'cn_resident_id':
      return checkMainlandResidentId(raw);
    case 'cn_travel_permit':
      return checkTravelPermit(raw);
    case 'passport':
      return checkPassport(raw, issuingCountry);
    case 'other':
      return checkOtherId(raw);
    default:
      return bad(normaliseIdText(raw), { key: 'rules.id.type_missing' });
  }
}

export const isMacauId = (type: IdDocumentType | undefined): boolean => type === 'mo_bir_permanent' || type === 'mo_bir_non_permanent';
