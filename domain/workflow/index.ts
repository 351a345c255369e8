export * from './application-workflow';
