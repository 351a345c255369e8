import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 5: reference data, settings, sequences', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    expect(migrateTo(t.db, 5)).toBe(5);
  });
  afterEach(() => t.cleanup());

  it('settings hold JSON values', () => {
    t.db.prepare(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('retention.scanDays', '30', 't', 'admin')`).run();
    expect(() => t.db.prepare(`INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('x', 'thirty', 't', 'admin')`).run()).toThrow(/CHECK/);
  });

  it('one counter per workstation and day', () => {
    t.db.prepare(`INSERT INTO sequences (workstation_id, day, last_value) VALUES ('ws1', '2026-11-23', 1)`).run();
    expect(() => t.db.prepare(`INSERT INTO sequences (workstation_id, day, last_value) VALUES ('ws1', '2026-11-23', 2)`).run()).toThrow(/UNIQUE|PRIMARY KEY/);
    t.db.prepare(`INSERT INTO sequences (workstation_id, day, last_value) VALUES ('ws2', '2026-11-23', 1)`).run();
  });

  it('reference tables take entities, staff logins and workstation keys', () => {
    t.db.prepare(`INSERT INTO ref_entities (registration_number, entity_type, name_zh, updated_at) VALUES ('12345', 'association', '澳門街坊會', 't')`).run();
    t.db.prepare(`INSERT INTO ref_staff_logins (staff_number, display_name, updated_at) VALUES ('S1', 'A', 't')`).run();
    t.db.prepare(`INSERT INTO ref_workstation_keys (workstation_id, public_key, updated_at) VALUES ('ws1', 'pk', 't')`).run();
    expect(t.db.prepare('SELECT name_zh FROM ref_entities').pluck().all()).toEqual(['澳門街坊會']);
  });
});
