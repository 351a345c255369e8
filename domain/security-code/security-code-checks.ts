import { isMacauId } from '../identifiers';
import type { ReferenceStaffLogin } from '../rules/requirement';
import type { SecurityCodeCheckId } from './checks-vocabulary';
import type { SignatureCheck } from './es256-verifier';
import type { DecodeResult, DecodedSecurityCode } from './payload-codec';
import { sameEntityNumber, sameIdDocument, type SightedIdDocument } from './staff-login-lookup';
import { runChecks, type CheckResult, type CheckRow, type Outcome } from './verdict';
import type { VerdictAdvice } from './checks-vocabulary';

// Issue 16 item 3: every check before the security code is enabled (FAQ 19), as one table.
// Pure: the signature has already been checked (asynchronously, by an injected verifier) and
// the reference data looked up; this only decides.

/** Issued-at in the future and expiry in the past are both forgiven this much by default. */
export const DEFAULT_SKEW_SECONDS = 30;
/** A QR valid for longer than this is refused whatever it says (the spec asks for about 2 minutes). */
export const MAX_LIFETIME_SECONDS = 300;

export interface SecurityCodeCheckContext {
  decoded: DecodeResult;
  /** The verifier's answer; absent when the text did not decode. */
  signature?: SignatureCheck;
  /** The entity number the person gave at the counter. */
  entityNumberGiven: string;
  /** The QR's staff login in the QR's entity, from reference data. */
  login?: ReferenceStaffLogin;
  /** Security code already on: in reference data, or enabled here and not refused by the server. */
  securityCodeOn: boolean;
  sighted: SightedIdDocument;
  originalSighted: boolean;
  now: Date;
  skewSeconds: number;
  /** This nonce was already used at this workstation. */
  nonceSeen: boolean;
}

const FAQ19 = 'FAQ 19';
const SPEC = 'issue 16';

const decodedCode = (c: SecurityCodeCheckContext): DecodedSecurityCode | undefined => (c.decoded.ok ? c.decoded.code : undefined);
/** Content is trusted only once the signature holds; before that, later checks are not run. */
const trusted = (c: SecurityCodeCheckContext): DecodedSecurityCode | undefined => (c.signature === 'valid' ? decodedCode(c) : undefined);

const FORMAT_KEYS = {
  empty: 'sc.qr.empty',
  oversized: 'sc.qr.oversized',
  not_security_code: 'sc.qr.not_security_code',
  malformed: 'sc.qr.malformed',
} as const;

function withLogin(c: SecurityCodeCheckContext, f: (login: ReferenceStaffLogin, code: DecodedSecurityCode) => Outcome): Outcome {
  const code = trusted(c);
  return code && c.login ? f(c.login, code) : 'not_checked';
}

type Row = CheckRow<SecurityCodeCheckId, SecurityCodeCheckContext>;

export const SECURITY_CODE_CHECK_TABLE: readonly Row[] = [
  {
    id: 'format',
    source: SPEC,
    passKey: 'sc.pass.format',
    run: (c) => {
      if (c.decoded.ok) return 'pass';
      const r = c.decoded.refusal;
      if (r === 'unknown_version' || r === 'check_digit') return 'pass';
      // A misread or empty read is scanned again; anything else is the wrong code on the phone.
      return { key: FORMAT_KEYS[r], advice: r === 'malformed' || r === 'empty' ? 'scan_again' : 'new_code' };
    },
  },
  {
    id: 'version',
    source: SPEC,
    passKey: 'sc.pass.version',
    run: (c) => {
      if (c.decoded.ok) return 'pass';
      const r = c.decoded.refusal;
      if (r === 'unknown_version') return { key: 'sc.qr.unknown_version', params: { version: c.decoded.version ?? '?' }, advice: 'refuse' };
      return r === 'check_digit' || r === 'malformed' ? 'pass' : 'not_checked';
    },
  },
  {
    id: 'check_digit',
    source: SPEC,
    passKey: 'sc.pass.check_digit',
    run: (c) => {
      if (c.decoded.ok || c.decoded.refusal === 'malformed') return 'pass';
      return c.decoded.refusal === 'check_digit' ? { key: 'sc.qr.check_digit', advice: 'scan_again' } : 'not_checked';
    },
  },
  {
    id: 'signature',
    source: SPEC,
    passKey: 'sc.pass.signature',
    run: (c) => {
      if (!c.decoded.ok || c.signature === undefined) return 'not_checked';
      if (c.signature === 'valid') return 'pass';
      return { key: c.signature === 'bad_key' ? 'sc.check.bad_key' : 'sc.check.signature', advice: 'refuse' };
    },
  },
  {
    id: 'expiry',
    source: SPEC,
    passKey: 'sc.pass.expiry',
    run: (c): Outcome => {
      const code = trusted(c);
      if (!code) return 'not_checked';
      if (code.lifetime > MAX_LIFETIME_SECONDS) return { key: 'sc.check.lifetime', params: { seconds: code.lifetime }, advice: 'new_code' };
      const now = c.now.getTime() / 1000;
      if (code.issuedAt > now + c.skewSeconds)
        return { key: 'sc.check.not_yet_valid', params: { seconds: Math.round(code.issuedAt - now) }, advice: 'new_code' };
      const expires = code.issuedAt + code.lifetime;
      if (now > expires + c.skewSeconds) return { key: 'sc.check.expired', params: { expiredAt: new Date(expires * 1000).toISOString() }, advice: 'new_code' };
      return 'pass';
    },
  },
  {
    id: 'replay',
    source: SPEC,
    passKey: 'sc.pass.replay',
    run: (c) => (trusted(c) ? (c.nonceSeen ? { key: 'sc.check.replay', advice: 'new_code' } : 'pass') : 'not_checked'),
  },
  {
    id: 'entity_number',
    source: FAQ19,
    passKey: 'sc.pass.entity_number',
    run: (c) => {
      const code = trusted(c);
      if (!code) return 'not_checked';
      // FAQ 19: one QR per entity; the person logs in to the app with that entity's login.
      return sameEntityNumber(code.entityNumber, c.entityNumberGiven)
        ? 'pass'
        : { key: 'sc.check.entity_mismatch', params: { given: c.entityNumberGiven, qr: code.entityNumber }, advice: 'new_code' };
    },
  },
  {
    id: 'login_exists',
    source: FAQ19,
    passKey: (c) => ({ key: 'sc.pass.login_exists', params: { loginId: trusted(c)?.staffLoginId ?? '', entityNumber: trusted(c)?.entityNumber ?? '' } }),
    run: (c) => {
      const code = trusted(c);
      if (!code) return 'not_checked';
      return c.login ? 'pass' : { key: 'sc.check.login_unknown', params: { loginId: code.staffLoginId, entityNumber: code.entityNumber }, advice: 'refuse' };
    },
  },
  {
    id: 'activated',
    source: FAQ19,
    passKey: 'sc.pass.activated',
    // FAQ 19: 必須啟動即將辦理“安全驗證碼”工作人員登入號.
    run: (c) => withLogin(c, (l) => (l.activated ? 'pass' : { key: 'sc.check.not_activated', advice: 'refuse' })),
  },
  {
    id: 'non_macau_id',
    source: 'FAQ 18, 19',
    passKey: 'sc.pass.non_macau_id',
    // FAQ 18: a Macau-ID login uses face recognition; the clerk is told so, not just "refused".
    run: (c) => withLogin(c, (l) => (isMacauId(l.idType) ? { key: 'sc.check.macau_id', advice: 'face_recognition' } : 'pass')),
  },
  {
    id: 'not_already_on',
    source: FAQ19,
    passKey: 'sc.pass.not_already_on',
    run: (c) => withLogin(c, () => (c.securityCodeOn ? { key: 'sc.check.already_on', advice: 'refuse' } : 'pass')),
  },
  {
    id: 'id_matches',
    source: FAQ19,
    passKey: 'sc.pass.id_matches',
    // FAQ 19: 必須出示與登記工作人員登入號相同的身份證明文件.
    run: (c) => withLogin(c, (l) => (sameIdDocument(c.sighted, l) ? 'pass' : { key: 'sc.check.id_mismatch', advice: 'refuse' })),
  },
  {
    id: 'original_sighted',
    source: FAQ19,
    passKey: 'sc.pass.original_sighted',
    // FAQ 19: 親臨辦理時，必須出示 … 身份證明文件: the document itself, not a copy.
    run: (c) => (c.originalSighted ? 'pass' : { key: 'sc.check.not_original', advice: 'refuse' }),
  },
];

export interface SecurityCodeVerdictData {
  ok: boolean;
  checks: CheckResult<SecurityCodeCheckId>[];
  advice: VerdictAdvice;
  qr?: { staffLoginId: string; entityNumber: string; issuedAt: string; expiresAt: string };
}

/** The verdict the screen shows, check by check. */
export function securityCodeVerdict(c: SecurityCodeCheckContext): SecurityCodeVerdictData {
  const code = decodedCode(c);
  const r = runChecks(SECURITY_CODE_CHECK_TABLE, c);
  return {
    ...r,
    ...(code
      ? {
          qr: {
            staffLoginId: code.staffLoginId,
            entityNumber: code.entityNumber,
            issuedAt: new Date(code.issuedAt * 1000).toISOString(),
            expiresAt: new Date((code.issuedAt + code.lifetime) * 1000).toISOString(),
          },
        }
      : {}),
  };
}
