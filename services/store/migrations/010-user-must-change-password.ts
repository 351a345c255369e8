import type { Migration } from './types';

// Issue 13, item 1: a standalone workstation's administrator creates users and resets their
// passwords. The password the administrator typed is known to two people, so the user must
// choose their own at the next sign-in; a password the user set clears the flag.
export const m010UserMustChangePassword: Migration = {
  version: 10,
  name: 'users: password to be changed at the next sign-in',
  up(db) {
    db.exec(`ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));`);
  },
};
