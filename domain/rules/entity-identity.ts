import { normaliseIdText } from '../identifiers';
import type { Application } from '../model/application';
import type { EntityIdentity } from './requirement';

/**
 * A name as a clerk means it, in any language: without case, accents, full-width forms or
 * extra spaces ("CONTA EXISTENTE COMERCIO" = "Conta Existente Comércio"). The one folding for
 * FAQ 8 and the reference-data lookup (issue 13, item 8).
 */
export function foldName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** FAQ 8: names compared folded, and also without spaces, punctuation or a "Limitada" suffix. */
export function normaliseEntityName(name: string): string {
  return foldName(name)
    .replace(/[\s.,，。、'"()（）\-&]/g, '')
    .replace(/limitada$|lda$|limited$|ltd$/, '');
}

/** FAQ 8: what makes two applications the same entity. */
export function entityIdentity(app: Application): EntityIdentity {
  const e = app.entity;
  const names = [e.names.zh, e.names.pt, e.names.en].map((n) => normaliseEntityName(n ?? '')).filter((n) => n !== '');
  const registrationNumbers = [e.commercialRegistrationNumber, e.associationRegistrationNumber].map((n) => normaliseIdText(n ?? '')).filter((n) => n !== '');
  const tax = normaliseIdText(e.taxpayerNumber ?? '');
  const num = normaliseIdText(e.entityNumber ?? '');
  return {
    names: [...new Set(names)],
    registrationNumbers: [...new Set(registrationNumbers)],
    ...(tax ? { taxpayerNumber: tax } : {}),
    ...(num ? { entityNumber: num } : {}),
  };
}

export type IdentityMatch = 'taxpayer_number' | 'registration_number' | 'name';

/** The strongest reason two identities are the same entity, or undefined. */
export function matchIdentity(a: EntityIdentity, b: EntityIdentity): IdentityMatch | undefined {
  if (a.taxpayerNumber && a.taxpayerNumber === b.taxpayerNumber) return 'taxpayer_number';
  if (a.registrationNumbers.some((r) => b.registrationNumbers.includes(r))) return 'registration_number';
  if (a.names.some((n) => b.names.includes(n))) return 'name';
  return undefined;
}
