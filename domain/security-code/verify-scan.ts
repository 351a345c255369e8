import type { ReferenceStaffLogin } from '../rules/requirement';
import type { SignatureVerifier } from './es256-verifier';
import { decodeSecurityCode } from './payload-codec';
import { securityCodeVerdict, type SecurityCodeVerdictData } from './security-code-checks';
import { findStaffLogin, type SightedIdDocument } from './staff-login-lookup';

// Decode → verify the signature (the one asynchronous step, injected) → look up the login →
// run the check table. Shared by the core and anything else that must judge a scan the same
// way (a bench, the central server's re-check).

export interface ScanJudgement {
  verdict: SecurityCodeVerdictData;
  /** Hex of the nonce, once the text decoded: the key of the seen-nonce table. */
  nonceHex?: string;
  login?: ReferenceStaffLogin;
}

export interface ScanFacts {
  staffLogins: readonly ReferenceStaffLogin[];
  /** Security code on for this login: reference data or a local enablement not refused. */
  securityCodeOn(login: ReferenceStaffLogin): boolean;
  nonceSeen(nonceHex: string): boolean;
  now: Date;
  skewSeconds: number;
}

export const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export async function judgeScan(
  input: { qrText: string; entityNumber: string; sightedId: SightedIdDocument; originalSighted: boolean },
  facts: ScanFacts,
  verify: SignatureVerifier,
): Promise<ScanJudgement> {
  const decoded = decodeSecurityCode(input.qrText);
  const code = decoded.ok ? decoded.code : undefined;
  const signature = code ? await verify(code.publicKey, code.signature, code.signedBytes) : undefined;
  const login = code ? findStaffLogin(facts.staffLogins, code.entityNumber, code.staffLoginId) : undefined;
  const nonceHex = code ? toHex(code.nonce) : undefined;
  const verdict = securityCodeVerdict({
    decoded,
    ...(signature ? { signature } : {}),
    entityNumberGiven: input.entityNumber,
    ...(login ? { login } : {}),
    securityCodeOn: login ? facts.securityCodeOn(login) : false,
    sighted: input.sightedId,
    originalSighted: input.originalSighted,
    now: facts.now,
    skewSeconds: facts.skewSeconds,
    nonceSeen: nonceHex !== undefined && facts.nonceSeen(nonceHex),
  });
  return { verdict, ...(nonceHex ? { nonceHex } : {}), ...(login ? { login } : {}) };
}
