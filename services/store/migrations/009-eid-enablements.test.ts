import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { freshDb, migrateTo } from './test-support';

describe('migration 9: e-ID tool enablements and seen nonces', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    expect(migrateTo(t.db, 9)).toBe(9);
  });
  afterEach(() => t.cleanup());

  const enablement = (id: string, tool = 'security_code', state = 'queued') =>
    t.db
      .prepare(
        `INSERT INTO eid_enablements (id, tool, visit_id, entity_number, staff_login_id, id_type, id_number_masked, state, created_at, created_by)
         VALUES (?, ?, 'v', '500123', 'lee', 'hk_id', '****456(3)', ?, 't', 'staff:C1')`,
      )
      .run(id, tool, state);

  it('a nonce can be used once only (the local half of replay protection)', () => {
    enablement('e1');
    enablement('e2');
    const nonce = 'ab'.repeat(16);
    t.db.prepare('INSERT INTO security_code_nonces (nonce, enablement_id, seen_at) VALUES (?, ?, ?)').run(nonce, 'e1', 't');
    expect(() => t.db.prepare('INSERT INTO security_code_nonces (nonce, enablement_id, seen_at) VALUES (?, ?, ?)').run(nonce, 'e2', 't')).toThrow(
      /UNIQUE|PRIMARY/,
    );
  });

  it('refuses an unknown tool or state', () => {
    expect(() => enablement('e3', 'fingerprint')).toThrow(/CHECK/);
    expect(() => enablement('e4', 'security_code', 'maybe')).toThrow(/CHECK/);
  });
});
