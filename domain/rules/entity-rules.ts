import { checkEmail, checkTaxpayerNumber, normaliseIdText } from '../identifiers';
import { req, type Requirement, type Rule } from './requirement';
import { RULE_TEXTS as T } from './rule-texts';

const REGISTERED_COMMERCIALLY = new Set(['company', 'business_owner']);
const REGISTERED_ASSOCIATIONS = new Set(['association', 'foundation']);

/**
 * FAQ 2 and FAQ 4: every entity type may apply at the counter (even those that could apply
 * online), so the type is recorded, never refused. Identifiers by type; FAQ 7: no fee.
 */
export const entityRules: Rule = (app) => {
  const out: Requirement[] = [];
  const e = app.entity;
  out.push(req('fee', true, 'FAQ 7', T.fee, { blocking: false }));
  if (app.kind === 'first_application') {
    out.push(req('entity.type', e.type !== undefined, 'FAQ 4', T.entityType));
    const hasName = [e.names.zh, e.names.pt, e.names.en].some((n) => (n ?? '').trim() !== '');
    out.push(req('entity.name', hasName, 'ps-2112a', T.entityName));
    // Issue 3 audit: neither the FAQ nor ps-2112a (as digested) makes the registration or
    // taxpayer numbers mandatory, so they warn. They are asked for because FAQ 8 (one account
    // per entity) finds an existing account by them far more surely than by name.
    if (e.type && REGISTERED_COMMERCIALLY.has(e.type)) {
      out.push(
        req('entity.commercial-registration', normaliseIdText(e.commercialRegistrationNumber ?? '') !== '', 'FAQ 8', T.commercialRegistration, {
          blocking: false,
        }),
      );
    }
    if (e.type && REGISTERED_ASSOCIATIONS.has(e.type)) {
      out.push(
        req('entity.association-registration', normaliseIdText(e.associationRegistrationNumber ?? '') !== '', 'FAQ 8', T.associationRegistration, {
          blocking: false,
        }),
      );
      // ps-2112a asks associations and foundations for a date (most likely the statutes'
      // publication); not confirmed on the real form, so it warns rather than blocks.
      out.push(req('entity.statutes-date', e.statutesPublicationDate !== undefined, 'ps-2112a', T.statutesDate, { blocking: false }));
    }
    if ((e.taxpayerNumber ?? '').trim() !== '' || e.type === 'company') {
      const tax = checkTaxpayerNumber(e.taxpayerNumber ?? '', { entity: e.type !== 'business_owner' });
      out.push(
        req('entity.taxpayer-number', tax.valid, 'FAQ 8', T.taxpayerNumber, {
          blocking: false,
          params: { value: tax.value },
          ...(tax.problem ? { missingKey: tax.problem.key } : {}),
        }),
      );
    }
  } else {
    out.push(
      req(
        'entity.entity-number',
        normaliseIdText(e.entityNumber ?? app.securityCode.entityNumber ?? app.faceRecognition.entityNumber ?? '') !== '' || app.kind !== 'change_of_data',
        'ps-2112b',
        T.entityNumber,
      ),
    );
  }
  if (app.kind === 'first_application' || (app.kind === 'change_of_data' && app.change.changes.includes('contact'))) {
    const email = checkEmail(e.contact.email ?? '');
    const hasPhone = (e.contact.phone ?? e.contact.mobile ?? '').trim() !== '';
    out.push(req('entity.contact', email.valid || hasPhone, app.kind === 'change_of_data' ? 'ps-2112b' : 'ps-2112a', T.contact));
  }
  return out;
};

/** ps-2112b: a change of data says what changes. */
export const changeRules: Rule = (app) => {
  if (app.kind !== 'change_of_data') return [];
  const out: Requirement[] = [req('change.changes', app.change.changes.length > 0, 'ps-2112b', T.changes)];
  if (app.change.changes.includes('remove_admin')) {
    out.push(
      req(
        'change.removed-admins',
        app.change.removedAdmins.some((a) => a.trim() !== ''),
        'ps-2112b',
        T.removedAdmins,
      ),
    );
  }
  return out;
};
