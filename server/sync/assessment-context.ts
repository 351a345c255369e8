import type { Application } from '../../domain/model/application';
import {
  entityIdentity,
  normaliseEntityName,
  type AssessmentContext,
  type PendingApplication,
  type ReferenceEntity,
  type ReferenceStaffLogin,
} from '../../domain/rules';
import { normaliseIdText } from '../../domain/identifiers';
import type { Db } from '../db/types';
import { identityKeys } from './identity-keys';

/** Identity keys of a reference entity, computed the same way as an application's. */
export function referenceKeys(e: ReferenceEntity): string[] {
  const names = [e.names.zh, e.names.pt, e.names.en].map((n) => normaliseEntityName(n ?? '')).filter((n) => n !== '');
  const regs = e.registrationNumbers.map(normaliseIdText).filter((n) => n !== '');
  const tax = e.taxpayerNumber ? normaliseIdText(e.taxpayerNumber) : '';
  const k = identityKeys({ names, registrationNumbers: regs, ...(tax ? { taxpayerNumber: tax } : {}) });
  return [...k.strong, ...k.names];
}

/**
 * What domain/rules needs to judge one application on the server: only the reference entities,
 * pending applications and staff logins that can matter to it (found by its identity keys and
 * entity number), never the whole reference list.
 */
export async function assessmentContextFor(db: Db, app: Application, opts: { recordId: string; today: string }): Promise<AssessmentContext> {
  const k = identityKeys(entityIdentity(app));
  const keys = [...k.strong, ...k.names];
  const entityNumber = app.entity.entityNumber || app.securityCode.entityNumber || app.faceRecognition.entityNumber || '';
  const [refs, pending, logins] = await Promise.all([
    keys.length
      ? db<{ data: ReferenceEntity }[]>`SELECT data FROM reference_entities WHERE identity_keys && ${keys}::text[] OR entity_number = ${entityNumber} LIMIT 50`
      : db<{ data: ReferenceEntity }[]>`SELECT data FROM reference_entities WHERE entity_number = ${entityNumber}`,
    keys.length
      ? db<{ application_number: string; form: Application }[]>`
        SELECT DISTINCT a.application_number, a.form FROM entity_claims c JOIN applications a ON a.record_id = c.record_id
        WHERE c.active AND c.key = ANY(${keys}::text[]) AND a.record_id <> ${opts.recordId}::uuid LIMIT 50`
      : [],
    entityNumber ? db<{ data: ReferenceStaffLogin }[]>`SELECT data FROM staff_logins WHERE entity_number = ${entityNumber} LIMIT 500` : [],
  ]);
  // PendingApplication.id carries the application number: it is what FAQ 8's refusal names.
  const pendingApplications: PendingApplication[] = pending.map((p) => ({ id: p.application_number, identity: entityIdentity(p.form) }));
  return {
    today: opts.today,
    referenceEntities: refs.map((r) => r.data),
    pendingApplications,
    staffLogins: logins.map((l) => l.data),
    applicationId: opts.recordId,
  };
}
