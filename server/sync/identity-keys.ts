import type { EntityIdentity } from '../../domain/rules';

/**
 * FAQ 8 keys of an entity identity. Taxpayer and registration numbers are strong: the database
 * allows one active claim per strong key (entity_claims_one_active). A name alone is only a
 * hint — two entities may share a name and the clerk records them as distinct (issue 13) —
 * so name keys are looked up and judged by domain/rules, never made unique.
 */
export function identityKeys(identity: EntityIdentity): { strong: string[]; names: string[] } {
  const strong = [...(identity.taxpayerNumber ? [`tax:${identity.taxpayerNumber}`] : []), ...identity.registrationNumbers.map((r) => `reg:${r}`)];
  return { strong: [...new Set(strong)], names: [...new Set(identity.names.map((n) => `name:${n}`))] };
}
