import type { Migration } from './types';

// Reference data pulled from the central API (known entities, staff logins, the public keys
// of other workstations), local settings, and the per-workstation application-number counter.
export const m005ReferenceSettingsSequences: Migration = {
  version: 5,
  name: 'reference data, settings, sequences',
  up(db) {
    db.exec(`
      CREATE TABLE ref_entities (
        registration_number TEXT PRIMARY KEY,
        entity_type TEXT NOT NULL,
        name_zh TEXT,
        name_pt TEXT,
        data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ref_staff_logins (
        staff_number TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles)),
        service_points TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(service_points)),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ref_workstation_keys (
        workstation_id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        service_point TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sequences (
        workstation_id TEXT NOT NULL,
        day TEXT NOT NULL,
        last_value INTEGER NOT NULL CHECK (last_value >= 0),
        PRIMARY KEY (workstation_id, day)
      ) STRICT;
    `);
  },
};
