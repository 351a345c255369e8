export * from './assess';
export { entityIdentity, matchIdentity, normaliseEntityName, foldName, type IdentityMatch } from './entity-identity';
export { distinctKey } from './duplicate-entity-rules';
export { RULE_TEXTS, allRuleTexts, type RuleText } from './rule-texts';
export { slots, checks, PAPERS, POA_WORDING, type Paper, type PoaWording } from './slots';
export { papersFor } from './paper-rules';
export { MAX_ADMINS } from './admin-rules';
export { sourceMessage } from './source-message';
