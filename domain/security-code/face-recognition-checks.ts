import { isMacauId } from '../identifiers';
import type { ReferenceStaffLogin } from '../rules/requirement';
import type { FaceRecognitionCheckId, VerdictAdvice } from './checks-vocabulary';
import { sameIdDocument, type SightedIdDocument } from './staff-login-lookup';
import { runChecks, type CheckResult, type CheckRow, type Outcome } from './verdict';

// Issue 16 item 6, FAQ 18: 以澳門永久和非永久居民身份證登記之工作人員可使用“面容識別”，
// 預設為“已啟動” … 倘人員自行關閉，則須親臨服務地點申請重啟. So: the login exists, was
// registered with a Macau ID, is activated (before that, there is nothing to re-enable), its
// face recognition was switched off (not on, not locked), and the original ID is shown.

export interface FaceRecognitionCheckContext {
  entityNumber: string;
  staffLoginId: string;
  login?: ReferenceStaffLogin;
  /** Re-enabled at this workstation already and not refused by the server. */
  reenabledHere: boolean;
  sighted: SightedIdDocument;
  originalSighted: boolean;
}

const FAQ18 = 'FAQ 18';
const withLogin = (c: FaceRecognitionCheckContext, f: (l: ReferenceStaffLogin) => Outcome): Outcome => (c.login ? f(c.login) : 'not_checked');

export const FACE_RECOGNITION_CHECK_TABLE: readonly CheckRow<FaceRecognitionCheckId, FaceRecognitionCheckContext>[] = [
  {
    id: 'login_exists',
    source: FAQ18,
    passKey: (c) => ({ key: 'fr.pass.login_exists', params: { loginId: c.staffLoginId, entityNumber: c.entityNumber } }),
    run: (c) => (c.login ? 'pass' : { key: 'fr.check.login_unknown', params: { loginId: c.staffLoginId, entityNumber: c.entityNumber }, advice: 'refuse' }),
  },
  {
    id: 'macau_id',
    source: 'FAQ 18, 19',
    passKey: 'fr.pass.macau_id',
    run: (c) => withLogin(c, (l) => (isMacauId(l.idType) ? 'pass' : { key: 'fr.check.non_macau_id', advice: 'refuse' })),
  },
  {
    id: 'activated',
    source: FAQ18,
    passKey: 'fr.pass.activated',
    run: (c) => withLogin(c, (l) => (l.activated ? 'pass' : { key: 'fr.check.not_activated', advice: 'refuse' })),
  },
  {
    id: 'switched_off',
    source: FAQ18,
    passKey: 'fr.pass.switched_off',
    run: (c) =>
      withLogin(c, (l) => {
        if (l.faceRecognition === 'enabled' || c.reenabledHere) return { key: 'fr.check.already_on', advice: 'refuse' };
        // Locked is not the case FAQ 18 names (switched off by the person): a supervisor decides.
        if (l.faceRecognition === 'locked') return { key: 'fr.check.locked', advice: 'refuse' };
        return 'pass';
      }),
  },
  {
    id: 'id_matches',
    source: FAQ18,
    passKey: 'fr.pass.id_matches',
    run: (c) => withLogin(c, (l) => (sameIdDocument(c.sighted, l) ? 'pass' : { key: 'fr.check.id_mismatch', advice: 'refuse' })),
  },
  {
    id: 'original_sighted',
    source: FAQ18,
    passKey: 'fr.pass.original_sighted',
    run: (c) => (c.originalSighted ? 'pass' : { key: 'fr.check.not_original', advice: 'refuse' }),
  },
];

export function faceRecognitionVerdict(c: FaceRecognitionCheckContext): { ok: boolean; checks: CheckResult<FaceRecognitionCheckId>[]; advice: VerdictAdvice } {
  return runChecks(FACE_RECOGNITION_CHECK_TABLE, c);
}
