import type { LocalisedMessage } from '../../i18n';
import type { Application } from '../model/application';
import type { EntityType, IdDocumentType } from '../model/codes';
import type { RuleText } from './rule-texts';

export type RequirementStatus = 'met' | 'missing' | 'not_applicable';

export interface Requirement {
  /** Stable across assessments, e.g. `lr.<personId>.id-copy`. */
  id: string;
  status: RequirementStatus;
  /** Missing and blocking: the application cannot be submitted for approval. */
  blocking: boolean;
  /** Where the rule comes from, shown to the clerk: 'FAQ 5', 'ps-2112a', … */
  source: string;
  message: LocalisedMessage;
  /** The person the requirement is about, so the UI can place it beside them. */
  personId?: string;
  /** The document slot (key of `application.documents`) where scans attach. */
  slot?: string;
  /** The tick (key of `application.checks`) the clerk sets after an eye check. */
  checkId?: string;
  /** FAQ 8: the key of `application.distinctEntities` where the clerk records "another entity". */
  distinctKey?: string;
}

export interface Assessment {
  requirements: Requirement[];
  /** Count of missing blocking requirements. */
  blockingCount: number;
}

export interface ReferenceEntity {
  entityNumber: string;
  type?: EntityType;
  names: { zh?: string; pt?: string; en?: string };
  registrationNumbers: string[];
  taxpayerNumber?: string;
  /** Admins on the account now (ps-2112a: at most three). */
  adminCount?: number;
}

export interface PendingApplication {
  id: string;
  identity: EntityIdentity;
  /** What the clerk knows it by (issue 13, item 6): never the internal id. */
  applicationNumber?: string | null;
  /** As typed, for the clerk to compare a name-only match (FAQ 8). */
  names?: readonly string[];
}

/** Another clerk's first application for perhaps the same entity, still a draft (FAQ 8, issue 13 item 9). */
export interface OpenDraft {
  id: string;
  identity: EntityIdentity;
  /** Who is typing it, as staff see a name. */
  by: string;
  /** Since when: an ISO instant; the text writes it day first in Macau time (`{since, datetime}`). */
  since: string;
}

export interface ReferenceStaffLogin {
  loginId: string;
  entityNumber: string;
  idType: IdDocumentType;
  idNumber: string;
  activated: boolean;
  faceRecognition: 'enabled' | 'disabled' | 'locked';
  /** FAQ 19: whether the security code is already on; absent in older reference files (taken as off). */
  securityCode?: 'enabled' | 'disabled';
}

export interface AssessmentContext {
  referenceEntities: readonly ReferenceEntity[];
  pendingApplications: readonly PendingApplication[];
  /** Other clerks' drafts (absent: none known). */
  openDrafts?: readonly OpenDraft[];
  staffLogins: readonly ReferenceStaffLogin[];
  /** Today in Macau, YYYY-MM-DD (ID expiry). */
  today: string;
  /** The application being assessed, so it is not its own duplicate. */
  applicationId?: string;
}

/** Normalised identity of an entity for duplicate detection (FAQ 8). */
export interface EntityIdentity {
  names: string[];
  registrationNumbers: string[];
  taxpayerNumber?: string;
  entityNumber?: string;
}

export type Rule = (app: Application, ctx: AssessmentContext) => Requirement[];

/**
 * A requirement worded for its state: `text.met` when met, else `missingKey` (one of the
 * pair's "not met" wordings, for a rule that says what exactly is wrong) or `text.missing`.
 */
export function req(
  id: string,
  met: boolean,
  source: string,
  text: RuleText,
  extra: Partial<Omit<Requirement, 'id' | 'status' | 'source' | 'message'>> & {
    params?: LocalisedMessage['params'];
    missingKey?: LocalisedMessage['key'];
  } = {},
): Requirement {
  const { params, blocking = true, missingKey, ...rest } = extra;
  const key = met ? text.met : (missingKey ?? text.missing);
  return {
    id,
    status: met ? 'met' : 'missing',
    blocking: met ? false : blocking,
    source,
    message: params ? { key, params } : { key },
    ...rest,
  };
}

export function notApplicable(id: string, source: string, key: LocalisedMessage['key'], extra: Partial<Requirement> = {}): Requirement {
  return { id, status: 'not_applicable', blocking: false, source, message: { key }, ...extra };
}
