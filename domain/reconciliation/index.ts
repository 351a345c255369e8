export * from './day-end-reconciliation';
