import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawPublicKeyBase64, signEnrolmentFile, verifyEnrolmentFile, type EnrolmentPayload } from './enrolment-file';

const authority = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const pub = rawPublicKeyBase64(authority.publicKey);
const verifier = '$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
const payload: EnrolmentPayload = {
  authority: 'IACM',
  issuedAt: '2026-11-23T09:00:00Z',
  users: [{ staffNumber: 'S100', displayName: '陳主管', roles: ['supervisor'], servicePoints: ['SP1'], passwordVerifier: verifier, active: true }],
};

const problemOf = (text: string, key = pub) => {
  try {
    verifyEnrolmentFile(text, key);
    return 'ok';
  } catch (e) {
    return (e as { problem?: string }).problem ?? String(e);
  }
};

describe('signed enrolment file', () => {
  it('a file signed by the authority is accepted', () => {
    expect(verifyEnrolmentFile(signEnrolmentFile(payload, authority.privateKey), pub).users[0]?.staffNumber).toBe('S100');
  });

  const signed = JSON.parse(signEnrolmentFile(payload, authority.privateKey)) as { payload: string; signature: string; format: string };
  it.each([
    ['unsigned', JSON.stringify({ format: signed.format, payload: signed.payload }), 'unsigned'],
    ['role raised after signing', JSON.stringify({ ...signed, payload: signed.payload.replace('"supervisor"', '"workstation_admin"') }), 'tampered'],
    ['signed by someone else', signEnrolmentFile(payload, stranger.privateKey), 'tampered'],
    ['signature cut short', JSON.stringify({ ...signed, signature: signed.signature.slice(0, 20) }), 'tampered'],
    ['not JSON', 'hello', 'malformed'],
    ['another format', JSON.stringify({ ...signed, format: 'x' }), 'malformed'],
    [
      'signed but carrying a plain password',
      signEnrolmentFile({ ...payload, users: [{ ...payload.users[0]!, passwordVerifier: 'secret123' }] }, authority.privateKey),
      'malformed',
    ],
  ])('%s is refused (%s)', (_n, text, problem) => {
    expect(problemOf(text)).toBe(problem);
  });

  it('a malformed configured key is reported as such', () => {
    expect(problemOf(signEnrolmentFile(payload, authority.privateKey), 'abc')).toBe('bad_key');
  });
});
