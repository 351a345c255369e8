export * from './codes';
export * from './application';
export * from './staff-label';
