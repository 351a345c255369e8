export * from './assess';
export { entityIdentity, matchIdentity, normaliseEntityName, type IdentityMatch } from './entity-identity';
export { slots, checks, PAPERS, POA_WORDING, type Paper, type PoaWording } from './slots';
export { papersFor } from './paper-rules';
export { MAX_ADMINS } from './admin-rules';
export { sourceMessage } from './source-message';
