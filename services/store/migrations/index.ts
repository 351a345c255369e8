import type { Migration } from './types';
import { m001Core } from './001-core';
import { m002PeopleAndChecklist } from './002-people-and-checklist';
import { m003Attachments } from './003-attachments';
import { m004UsersAndSessions } from './004-users-and-sessions';
import { m005ReferenceSettingsSequences } from './005-reference-settings-sequences';
import { m006NameIndex } from './006-name-index';
import { m007Sync } from './007-sync';
import { m008DropUnusedPeopleTables } from './008-drop-unused-people-tables';
import { m009EidEnablements } from './009-eid-enablements';
import { m010UserMustChangePassword } from './010-user-must-change-password';
import { m011KeyedAuditAndFormPurge } from './011-keyed-audit-and-form-purge';
import { m012ReturnedVersions } from './012-returned-versions';
import { m013SyncOpsByRecord } from './013-sync-ops-by-record';

export type { Migration } from './types';

/** In order; a version is never reused or edited once released. */
export const MIGRATIONS: readonly Migration[] = [
  m001Core,
  m002PeopleAndChecklist,
  m003Attachments,
  m004UsersAndSessions,
  m005ReferenceSettingsSequences,
  m006NameIndex,
  m007Sync,
  m008DropUnusedPeopleTables,
  m009EidEnablements,
  m010UserMustChangePassword,
  m011KeyedAuditAndFormPurge,
  m012ReturnedVersions,
  m013SyncOpsByRecord,
];
export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
