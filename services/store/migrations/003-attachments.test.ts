import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, insertApplication, migrateTo } from './test-support';
import type { Db } from '../database';

describe('migration 3: attachments', () => {
  let t: { db: Db; cleanup(): void };
  beforeEach(() => {
    t = freshDb();
    migrateTo(t.db, 2);
    insertApplication(t.db, 'a1');
    expect(migrateTo(t.db, 3)).toBe(3);
    t.db
      .prepare(`INSERT INTO attachments (id, application_id, slot, created_at, created_by, updated_at) VALUES ('at1', 'a1', 'br_certificate', 't', 'c', 't')`)
      .run();
  });
  afterEach(() => t.cleanup());

  it('a page must point to a stored blob and a right-angle rotation', () => {
    expect(() => t.db.prepare(`INSERT INTO attachment_pages (id, attachment_id, position, blob_sha256) VALUES ('pg1', 'at1', 0, 'nope')`).run()).toThrow(
      /FOREIGN KEY/,
    );
    t.db
      .prepare(`INSERT INTO blobs (sha256, file_name, mime, size, wrapped_key, kek_id, stored_at) VALUES ('s1', 'f1', 'image/png', 3, x'00', 'k', 't')`)
      .run();
    t.db.prepare(`INSERT INTO attachment_pages (id, attachment_id, position, blob_sha256) VALUES ('pg1', 'at1', 0, 's1')`).run();
    expect(() => t.db.prepare(`UPDATE attachment_pages SET rotation = 45`).run()).toThrow(/CHECK/);
    expect(() => t.db.prepare(`INSERT INTO attachment_pages (id, attachment_id, position, blob_sha256) VALUES ('pg2', 'at1', 0, 's1')`).run()).toThrow(
      /UNIQUE/,
    );
  });

  it('blob hashes outlive the attachment that used them', () => {
    t.db
      .prepare(`INSERT INTO blobs (sha256, file_name, mime, size, wrapped_key, kek_id, stored_at) VALUES ('s1', 'f1', 'image/png', 3, x'00', 'k', 't')`)
      .run();
    t.db.prepare(`INSERT INTO attachment_pages (id, attachment_id, position, blob_sha256) VALUES ('pg1', 'at1', 0, 's1')`).run();
    t.db.prepare(`DELETE FROM applications`).run();
    expect(t.db.prepare('SELECT count(*) FROM attachment_pages').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT sha256 FROM blobs').pluck().all()).toEqual(['s1']);
  });
});
