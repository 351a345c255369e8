import type { Migration } from './types';

// Staff who sign in at this workstation. The password verifier is an argon2id encoded string
// (hash-wasm); lockout state is kept here so that it survives a restart.
export const m004UsersAndSessions: Migration = {
  version: 4,
  name: 'users, sessions',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        staff_number TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles) AND json_type(roles) = 'array'),
        service_points TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(service_points) AND json_type(service_points) = 'array'),
        password_verifier TEXT,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until TEXT,
        password_changed_at TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        workstation_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ended_at TEXT,
        end_reason TEXT
      ) STRICT;
      CREATE INDEX sessions_user ON sessions (user_id, created_at);
      CREATE INDEX sessions_workstation ON sessions (workstation_id, ended_at);
    `);
  },
};
