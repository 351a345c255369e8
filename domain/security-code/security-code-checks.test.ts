import { describe, expect, it } from 'vitest';
import { LOCALES, translate, type MessageKey } from '../../i18n';
import type { ReferenceStaffLogin } from '../rules/requirement';
import { SECURITY_CODE_CHECKS } from './checks-vocabulary';
import { decodeSecurityCode, type DecodeResult } from './payload-codec';
import { securityCodeVerdict, type SecurityCodeCheckContext } from './security-code-checks';
import { phoneQr } from './test-support';

// Each check of issue 16 item 3 (FAQ 18, 19) on its own: one row changes one fact of an
// otherwise valid scan and names the one check that must fail, its reason and the advice.

const NOW = new Date('2026-11-23T03:15:00Z');
const LOGIN: ReferenceStaffLogin = {
  loginId: 'lee.hk',
  entityNumber: '500123',
  idType: 'hk_id',
  idNumber: 'A123456(3)',
  activated: true,
  faceRecognition: 'disabled',
};

const decoded = async (issuedAt = NOW, lifetime = 120): Promise<DecodeResult> =>
  decodeSecurityCode((await phoneQr({ entityNumber: '500123', staffLoginId: 'lee.hk', issuedAt, lifetime })).text);

async function context(over: Partial<SecurityCodeCheckContext> = {}): Promise<SecurityCodeCheckContext> {
  return {
    decoded: await decoded(),
    signature: 'valid',
    entityNumberGiven: '500123',
    login: LOGIN,
    securityCodeOn: false,
    sighted: { type: 'hk_id', number: 'a123456 (3)' },
    originalSighted: true,
    now: NOW,
    skewSeconds: 30,
    nonceSeen: false,
    ...over,
  };
}

const summary = (c: SecurityCodeCheckContext) => {
  const v = securityCodeVerdict(c);
  return { failed: v.checks.filter((x) => x.status === 'fail').map((x) => `${x.id}:${x.messageKey}`), advice: v.advice, ok: v.ok, checks: v.checks };
};

describe('security-code checks', () => {
  it('a valid scan passes every check, in the contract order, each with its source', async () => {
    const v = summary(await context());
    expect(v).toMatchObject({ ok: true, advice: 'none', failed: [] });
    expect(v.checks.map((c) => c.id)).toEqual([...SECURITY_CODE_CHECKS]);
    expect(v.checks.filter((c) => c.id === 'activated' || c.id === 'id_matches').every((c) => c.source === 'FAQ 19')).toBe(true);
  });

  const rows: [string, () => Promise<Partial<SecurityCodeCheckContext>>, string, string][] = [
    ['signature invalid', async () => ({ signature: 'invalid' }), 'signature:sc.check.signature', 'refuse'],
    ['key not on the curve', async () => ({ signature: 'bad_key' }), 'signature:sc.check.bad_key', 'refuse'],
    ['expired beyond the skew', async () => ({ decoded: await decoded(new Date(NOW.getTime() - 151_000)) }), 'expiry:sc.check.expired', 'new_code'],
    [
      'issued beyond the skew in the future',
      async () => ({ decoded: await decoded(new Date(NOW.getTime() + 31_000)) }),
      'expiry:sc.check.not_yet_valid',
      'new_code',
    ],
    ['valid too long', async () => ({ decoded: await decoded(NOW, 3600) }), 'expiry:sc.check.lifetime', 'new_code'],
    ['nonce already used here', async () => ({ nonceSeen: true }), 'replay:sc.check.replay', 'new_code'],
    ['another entity number given (FAQ 19)', async () => ({ entityNumberGiven: '500777' }), 'entity_number:sc.check.entity_mismatch', 'new_code'],
    ['login not in reference data', async () => ({ login: undefined }), 'login_exists:sc.check.login_unknown', 'refuse'],
    ['login not activated (FAQ 19)', async () => ({ login: { ...LOGIN, activated: false } }), 'activated:sc.check.not_activated', 'refuse'],
    [
      'login registered with a Macau ID (FAQ 18)',
      async () => ({
        login: { ...LOGIN, idType: 'mo_bir_non_permanent', idNumber: '1234567(8)' },
        sighted: { type: 'mo_bir_non_permanent', number: '1234567(8)' },
      }),
      'non_macau_id:sc.check.macau_id',
      'face_recognition',
    ],
    ['security code already on', async () => ({ securityCodeOn: true }), 'not_already_on:sc.check.already_on', 'refuse'],
    [
      'another document type shown (FAQ 19)',
      async () => ({ sighted: { type: 'passport', number: 'A123456(3)' } }),
      'id_matches:sc.check.id_mismatch',
      'refuse',
    ],
    ['another number shown (FAQ 19)', async () => ({ sighted: { type: 'hk_id', number: 'B234567(8)' } }), 'id_matches:sc.check.id_mismatch', 'refuse'],
    ['only a copy sighted (FAQ 19)', async () => ({ originalSighted: false }), 'original_sighted:sc.check.not_original', 'refuse'],
  ];
  it.each(rows)('%s → %s', async (_name, over, failure, advice) => {
    const v = summary(await context(await over()));
    expect(v.failed).toEqual([failure]);
    expect(v.advice).toBe(advice);
    expect(v.ok).toBe(false);
  });

  it('within the skew, an expired or early code still passes', async () => {
    expect(summary(await context({ decoded: await decoded(new Date(NOW.getTime() - 149_000)) })).ok).toBe(true);
    expect(summary(await context({ decoded: await decoded(new Date(NOW.getTime() + 29_000)) })).ok).toBe(true);
    expect(summary(await context({ decoded: await decoded(new Date(NOW.getTime() - 149_000)), skewSeconds: 0 })).failed).toEqual(['expiry:sc.check.expired']);
  });

  it('an expired QR says when it expired day first in Macau time in every language, never ISO (issue 13 item 15)', async () => {
    const expiry = securityCodeVerdict(await context({ decoded: await decoded(new Date(NOW.getTime() - 151_000)) })).checks.find((c) => c.id === 'expiry')!;
    const shown = LOCALES.map((l) => translate(l, expiry.messageKey as MessageKey, expiry.params));
    // Issued 11:12:29, 120 s: expired 11:14:29 Macau time.
    for (const text of shown) expect(text).toContain('23/11/2026 11:14');
    for (const text of shown) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('after a bad signature nothing in the payload is trusted: the later checks are not run', async () => {
    const v = summary(await context({ signature: 'invalid', login: { ...LOGIN, activated: false }, entityNumberGiven: '999' }));
    expect(v.failed).toEqual(['signature:sc.check.signature']);
    const statuses = Object.fromEntries(v.checks.map((c) => [c.id, c.status]));
    expect(statuses).toMatchObject({
      expiry: 'not_checked',
      replay: 'not_checked',
      entity_number: 'not_checked',
      activated: 'not_checked',
      original_sighted: 'pass',
    });
  });

  const decodeRows: [string, string, string, string][] = [
    ['empty', '', 'format:sc.qr.empty', 'scan_again'],
    ['not ours', 'WIFI:S:counter;;', 'format:sc.qr.not_security_code', 'new_code'],
    ['oversized', '8'.repeat(700), 'format:sc.qr.oversized', 'new_code'],
  ];
  it.each(decodeRows)('text %s → %s, nothing later checked', async (_name, text, failure, advice) => {
    const v = summary(await context({ decoded: decodeSecurityCode(text), login: undefined }));
    expect(v.failed).toEqual([failure]);
    expect(v.advice).toBe(advice);
    expect(v.checks.filter((c) => c.status === 'not_checked').map((c) => c.id)).toEqual(
      SECURITY_CODE_CHECKS.filter((id) => !['format', 'original_sighted'].includes(id)),
    );
  });

  it('a misread says scan again and names the check digits, not forgery', async () => {
    const text = (await phoneQr({ entityNumber: '500123', staffLoginId: 'lee.hk', issuedAt: NOW })).text;
    const misread = text.slice(0, 50) + String((Number(text[50]) + 1) % 10) + text.slice(51);
    const v = summary(await context({ decoded: decodeSecurityCode(misread), login: undefined }));
    expect(v.failed).toEqual(['check_digit:sc.qr.check_digit']);
    expect(v.advice).toBe('scan_again');
    expect(v.checks.find((c) => c.id === 'format')?.status).toBe('pass');
  });

  it('an unknown version is refused as such', async () => {
    const text = (await phoneQr({ entityNumber: '500123', staffLoginId: 'lee.hk', issuedAt: NOW, version: 3 })).text;
    const v = summary(await context({ decoded: decodeSecurityCode(text), login: undefined }));
    expect(v.failed).toEqual(['version:sc.qr.unknown_version']);
    expect(v.checks.find((c) => c.id === 'version')?.params).toEqual({ version: 3 });
  });
});
