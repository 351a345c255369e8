// The central API's sync contract (docs/sync-protocol.md). Pure zod: importable by server/ and services/.
export * from './common';
export * from './signing';
export * from './enrolment';
export * from './push';
export * from './pull';
export * from './ledger';
export * from './blobs';
export * from './health';
export * from './search';
