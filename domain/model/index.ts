export * from './codes';
export * from './application';
