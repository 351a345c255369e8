import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as realFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isStoreError, type Store, type BlobFs } from '../index';
import { openTestStore, tempStoreDir } from '../test-support';
import { integrityCheck } from '../database';
import { scanFixtures as f } from './fixtures';

const noTerms = { entityNames: [], registrationNumbers: [], idNumbers: [] };

function scanFiles(dir: string): string[] {
  const root = join(dir, 'scans');
  if (!realFs.existsSync(root)) return [];
  return readdirSync(root).flatMap((d) => (d.startsWith('.') ? [join(root, d)] : readdirSync(join(root, d)).map((x) => join(root, d, x))));
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('attachments', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  let appId: string;
  beforeEach(() => {
    t = tempStoreDir();
    store = openTestStore(t.dir, t.key);
    appId = store.applications.createDraft({ kind: 'first_application', data: {}, search: noTerms, actor: 'c' }).id;
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });

  it('stores a scan encrypted outside the database and reads back the same bytes', () => {
    const a = store.attachments.put(f.png, { applicationId: appId, slot: 'br_certificate', actor: 'c' });
    expect(a.pages).toHaveLength(1);
    expect(a.pages[0]).toMatchObject({ mime: 'image/png', size: f.png.length, rotation: 0, purged: false });
    expect(store.attachments.read(a.id).equals(f.png)).toBe(true);
    const files = scanFiles(t.dir);
    expect(files).toHaveLength(1);
    const onDisk = readFileSync(files[0] as string);
    expect(onDisk.includes(f.png.subarray(0, 16))).toBe(false);
    expect(files[0]).not.toContain(a.pages[0]?.sha256);
    expect(store.audit.forSubject(appId).map((e) => e.action)).toEqual(['create', 'attach']);
  });

  it('keeps several pages in order; reorders, rotates and removes them', () => {
    const a1 = store.attachments.put(f.jpeg, { applicationId: appId, slot: 'admin_id', actor: 'c' });
    const a2 = store.attachments.put(f.png, { applicationId: appId, slot: 'admin_id', actor: 'c', attachmentId: a1.id });
    const a3 = store.attachments.put(f.tiff, { applicationId: appId, slot: 'admin_id', actor: 'c', attachmentId: a1.id });
    expect(a3.pages.map((p) => p.mime)).toEqual(['image/jpeg', 'image/png', 'image/tiff']);
    const [p0, p1, p2] = a3.pages.map((p) => p.id) as [string, string, string];
    const r = store.attachments.reorder(a1.id, [p2, p0, p1], 'c');
    expect(r.pages.map((p) => [p.id, p.position])).toEqual([
      [p2, 0],
      [p0, 1],
      [p1, 2],
    ]);
    expect(store.attachments.read(a1.id, 0).equals(f.tiff)).toBe(true);
    expect(store.attachments.rotate(a1.id, p0, 90, 'c').pages.find((p) => p.id === p0)?.rotation).toBe(90);
    const after = store.attachments.removePage(a1.id, p2, 'c');
    expect(after?.pages.map((p) => [p.id, p.position])).toEqual([
      [p0, 0],
      [p1, 1],
    ]);
    expect(scanFiles(t.dir)).toHaveLength(2);
    expect(a2.id).toBe(a1.id);
    expect(() => store.attachments.reorder(a1.id, [p0], 'c')).toThrow(expect.objectContaining({ code: 'conflict' }));
    store.attachments.remove(a1.id, 'c');
    expect(store.attachments.list(appId)).toEqual([]);
    expect(scanFiles(t.dir)).toHaveLength(0);
  });

  it('the same scan twice is stored once (content-addressed)', () => {
    store.attachments.put(f.pdf, { applicationId: appId, slot: 'a', actor: 'c' });
    store.attachments.put(f.pdf, { applicationId: appId, slot: 'b', actor: 'c' });
    expect(scanFiles(t.dir)).toHaveLength(1);
    expect(store.attachments.list(appId)).toHaveLength(2);
  });

  it.each([
    ['a Word document', Buffer.from('504b0304140006000800000021000000', 'hex'), 'unsupported_type'],
    ['a truncated JPEG', f.jpeg.subarray(0, 600), 'corrupt'],
    ['a PDF cut before %%EOF', f.pdf.subarray(0, f.pdf.length - 10), 'corrupt'],
  ])('refuses %s with a clear error and stores nothing', (_l, bytes, code) => {
    const e = thrown(() => store.attachments.put(bytes, { applicationId: appId, slot: 'x', actor: 'c' }));
    expect(isStoreError(e)).toBe(true);
    expect(e).toMatchObject({ code, messageKey: code === 'corrupt' ? 'store.error.corrupt' : 'store.error.unsupportedType' });
    expect(store.attachments.list(appId)).toEqual([]);
    expect(scanFiles(t.dir)).toEqual([]);
  });

  it('refuses a file over the size limit, saying how large it is and the limit', () => {
    store.close();
    store = openTestStore(t.dir, t.key, { maxAttachmentBytes: 1024 * 1024 });
    const big = Buffer.concat([f.png.subarray(0, f.png.length - 12), Buffer.alloc(2 * 1024 * 1024), f.png.subarray(f.png.length - 12)]);
    const e = thrown(() => store.attachments.put(big, { applicationId: appId, slot: 'x', actor: 'c' }));
    expect(e).toMatchObject({ code: 'too_large', messageKey: 'store.error.tooLarge', params: { limit: '1.0', size: '2.0' } });
  });

  it('defaults to a 20 MB limit', () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1);
    expect(thrown(() => store.attachments.put(big, { applicationId: appId, slot: 'x', actor: 'c' }))).toMatchObject({ code: 'too_large' });
  });

  it('a scan file damaged or truncated on disk is reported as corrupt, never returned', () => {
    const a = store.attachments.put(f.jpeg, { applicationId: appId, slot: 'x', actor: 'c' });
    const [file] = scanFiles(t.dir) as [string];
    const bytes = readFileSync(file);
    bytes.writeUInt8((bytes.readUInt8(bytes.length - 40) ^ 0x01) & 0xff, bytes.length - 40);
    writeFileSync(file, bytes);
    expect(thrown(() => store.attachments.read(a.id))).toMatchObject({ code: 'corrupt' });
    writeFileSync(file, bytes.subarray(0, 100));
    expect(thrown(() => store.attachments.read(a.id))).toMatchObject({ code: 'corrupt' });
    expect(integrityCheck(store.db)).toBe('ok');
  });

  it('a scan key does not unwrap with another database key', () => {
    store.attachments.put(f.png, { applicationId: appId, slot: 'x', actor: 'c' });
    const row = store.db.prepare<[], { wrapped_key: Buffer; kek_id: string }>('SELECT wrapped_key, kek_id FROM blobs').get();
    expect(row?.kek_id).toMatch(/^[0-9a-f]{16}$/);
    // Pretend the row was wrapped under a different key: reading must say wrong_key.
    store.db.prepare(`UPDATE blobs SET kek_id = 'ffffffffffffffff'`).run();
    const a = store.attachments.list(appId)[0];
    expect(thrown(() => store.attachments.read(a?.id ?? ''))).toMatchObject({ code: 'wrong_key' });
  });

  it('disk full while writing a scan: clear error, no temp file left, nothing recorded, earlier scans intact', () => {
    const first = store.attachments.put(f.png, { applicationId: appId, slot: 'x', actor: 'c' });
    store.close();
    const fullFs: BlobFs = {
      ...realFs,
      writeSync: ((fd: number, buf: NodeJS.ArrayBufferView) => {
        realFs.writeSync(fd, buf, 0, 10);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }) as unknown as BlobFs['writeSync'],
    };
    store = openTestStore(t.dir, t.key, { fs: fullFs });
    const e = thrown(() => store.attachments.put(f.jpeg, { applicationId: appId, slot: 'y', actor: 'c' }));
    expect(e).toMatchObject({ code: 'disk_full', messageKey: 'store.error.diskFull' });
    expect(scanFiles(t.dir)).toHaveLength(1);
    expect(store.attachments.list(appId).map((a) => a.id)).toEqual([first.id]);
    expect(store.attachments.read(first.id).equals(f.png)).toBe(true);
    expect(integrityCheck(store.db)).toBe('ok');
  });

  it('removes orphan files and temp files left by a crash at the next start', () => {
    store.attachments.put(f.png, { applicationId: appId, slot: 'x', actor: 'c' });
    store.close();
    realFs.mkdirSync(join(t.dir, 'scans', 'ab'), { recursive: true });
    writeFileSync(join(t.dir, 'scans', 'ab', 'ab'.padEnd(64, '0')), randomBytes(10));
    writeFileSync(join(t.dir, 'scans', '.tmp-123-abc'), randomBytes(10));
    store = openTestStore(t.dir, t.key);
    expect(scanFiles(t.dir)).toHaveLength(1);
    expect(store.attachments.read(store.attachments.list(appId)[0]?.id ?? '').equals(f.png)).toBe(true);
  });

  it('refuses to attach to an application that does not exist', () => {
    expect(thrown(() => store.attachments.put(f.png, { applicationId: 'nope', slot: 'x', actor: 'c' }))).toMatchObject({ code: 'not_found' });
    expect(scanFiles(t.dir)).toEqual([]);
  });
});
