import type { Application } from '../model/application';
import { adminRules } from './admin-rules';
import { duplicateEntityRules } from './duplicate-entity-rules';
import { changeRules, entityRules } from './entity-rules';
import { faceRecognitionRules } from './face-recognition-rules';
import { idCopyRules } from './id-copy-rules';
import { paperRules } from './paper-rules';
import { poaRules } from './poa-rules';
import type { Assessment, AssessmentContext, Requirement, Rule } from './requirement';
import { securityCodeRules } from './security-code-rules';

export type {
  Assessment,
  AssessmentContext,
  Requirement,
  RequirementStatus,
  ReferenceEntity,
  PendingApplication,
  OpenDraft,
  ReferenceStaffLogin,
  EntityIdentity,
} from './requirement';

const RULES: readonly Rule[] = [
  entityRules,
  changeRules,
  duplicateEntityRules,
  idCopyRules,
  poaRules,
  adminRules,
  paperRules,
  securityCodeRules,
  faceRecognitionRules,
];

export const emptyContext = (today: string): AssessmentContext => ({ referenceEntities: [], pendingApplications: [], staffLogins: [], today });

/** Every requirement for this application, in a stable order. Pure and total. */
export function assess(app: Application, ctx: AssessmentContext): Assessment {
  const requirements: Requirement[] = [];
  for (const rule of RULES) requirements.push(...rule(app, ctx));
  let blockingCount = 0;
  for (const r of requirements) if (r.status === 'missing' && r.blocking) blockingCount++;
  return { requirements, blockingCount };
}

export const isSubmittable = (a: Assessment): boolean => a.blockingCount === 0;
