import { describe, expect, it } from 'vitest';
import type { ReferenceStaffLogin } from '../rules/requirement';
import { FACE_RECOGNITION_CHECKS } from './checks-vocabulary';
import { faceRecognitionVerdict, type FaceRecognitionCheckContext } from './face-recognition-checks';

// FAQ 18, one fact changed per row: a Macau-ID login whose face recognition the person
// switched off is re-enabled at the counter; everything else is refused with its reason.

const LOGIN: ReferenceStaffLogin = {
  loginId: 'chan.mo',
  entityNumber: '500123',
  idType: 'mo_bir_permanent',
  idNumber: '1234567(8)',
  activated: true,
  faceRecognition: 'disabled',
};
const base: FaceRecognitionCheckContext = {
  entityNumber: '500123',
  staffLoginId: 'chan.mo',
  login: LOGIN,
  reenabledHere: false,
  sighted: { type: 'mo_bir_permanent', number: '1234567 8' },
  originalSighted: true,
};
const failed = (c: FaceRecognitionCheckContext) =>
  faceRecognitionVerdict(c)
    .checks.filter((x) => x.status === 'fail')
    .map((x) => `${x.id}:${x.messageKey}`);

describe('face recognition re-enable checks (FAQ 18)', () => {
  it('switched off by the person: every check passes, in order', () => {
    const v = faceRecognitionVerdict(base);
    expect(v).toMatchObject({ ok: true, advice: 'none' });
    expect(v.checks.map((c) => c.id)).toEqual([...FACE_RECOGNITION_CHECKS]);
  });

  const rows: [string, Partial<FaceRecognitionCheckContext>, string[]][] = [
    ['unknown login', { login: undefined }, ['login_exists:fr.check.login_unknown']],
    [
      'non-Macau ID (security code instead, FAQ 19)',
      { login: { ...LOGIN, idType: 'hk_id', idNumber: 'A123456(3)' }, sighted: { type: 'hk_id', number: 'A123456(3)' } },
      ['macau_id:fr.check.non_macau_id'],
    ],
    ['not activated', { login: { ...LOGIN, activated: false } }, ['activated:fr.check.not_activated']],
    ['already on', { login: { ...LOGIN, faceRecognition: 'enabled' } }, ['switched_off:fr.check.already_on']],
    ['re-enabled here already', { reenabledHere: true }, ['switched_off:fr.check.already_on']],
    ['locked', { login: { ...LOGIN, faceRecognition: 'locked' } }, ['switched_off:fr.check.locked']],
    ['another BIR shown', { sighted: { type: 'mo_bir_permanent', number: '5123456(7)' } }, ['id_matches:fr.check.id_mismatch']],
    ['a copy', { originalSighted: false }, ['original_sighted:fr.check.not_original']],
  ];
  it.each(rows)('%s → refused', (_name, over, fails) => {
    expect(failed({ ...base, ...over })).toEqual(fails);
    expect(faceRecognitionVerdict({ ...base, ...over }).advice).toBe('refuse');
  });
});
