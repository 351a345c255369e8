import type { Migration } from './types';
import { m001Core } from './001-core';

export type { Migration } from './types';

/** In order; a version is never reused or edited once released. */
export const MIGRATIONS: readonly Migration[] = [m001Core];
export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
