import type { EnablementRecord, FaceRecognitionVerdict, SecurityCodeVerdict, SightedId } from '../../api/contracts/security-code-contract';
import { SECURITY_CODE_CHECKS, FACE_RECOGNITION_CHECKS } from '../../domain/security-code/checks-vocabulary';

// Issue 16: the counter's enablement service (FAQ 18, 19). First cut: refuses every scan as
// not yet readable, lists nothing; the decoder, checks and records follow.

export interface SecurityCodeRequest {
  entityNumber: string;
  qrText: string;
  sightedId: SightedId;
  originalSighted: boolean;
}

export interface FaceRecognitionRequest {
  entityNumber: string;
  staffLoginId: string;
  sightedId: SightedId;
  originalSighted: boolean;
}

export interface EnablementService {
  verify(req: SecurityCodeRequest): Promise<SecurityCodeVerdict>;
  enable(req: SecurityCodeRequest & { visitId: string }): Promise<{ verdict: SecurityCodeVerdict; record?: EnablementRecord }>;
  findFaceRecognition(req: FaceRecognitionRequest): { verdict: FaceRecognitionVerdict };
  reenableFaceRecognition(req: FaceRecognitionRequest & { visitId: string }): { verdict: FaceRecognitionVerdict; record?: EnablementRecord };
  today(): EnablementRecord[];
  visit(visitId: string): EnablementRecord[];
}

export interface EnablementDeps {
  /** The signed-in clerk (or supervisor), or an `unauthorised` error. */
  user(): { actor: string };
}

export function createEnablementService(deps: EnablementDeps): EnablementService {
  const refusedScan = (): SecurityCodeVerdict => ({
    ok: false,
    advice: 'scan_again',
    checks: SECURITY_CODE_CHECKS.map((id, i) =>
      i === 0
        ? { id, status: 'fail', source: 'issue 16', messageKey: 'sc.qr.not_security_code' }
        : { id, status: 'not_checked', source: 'FAQ 19', messageKey: 'sc.check.not_checked' },
    ),
  });
  const unknownLogin = (req: FaceRecognitionRequest): FaceRecognitionVerdict => ({
    ok: false,
    advice: 'refuse',
    checks: FACE_RECOGNITION_CHECKS.map((id, i) =>
      i === 0
        ? { id, status: 'fail', source: 'FAQ 18', messageKey: 'fr.check.login_unknown', params: { loginId: req.staffLoginId, entityNumber: req.entityNumber } }
        : { id, status: 'not_checked', source: 'FAQ 18', messageKey: 'sc.check.not_checked' },
    ),
  });
  return {
    verify: () => {
      deps.user();
      return Promise.resolve(refusedScan());
    },
    enable: () => {
      deps.user();
      return Promise.resolve({ verdict: refusedScan() });
    },
    findFaceRecognition: (req) => {
      deps.user();
      return { verdict: unknownLogin(req) };
    },
    reenableFaceRecognition: (req) => {
      deps.user();
      return { verdict: unknownLogin(req) };
    },
    today: () => {
      deps.user();
      return [];
    },
    visit: () => {
      deps.user();
      return [];
    },
  };
}
