import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openTestStore, tempStoreDir } from '../store/test-support';
import type { HttpResponse } from './http-link';
import { createUploads, uploadResumable, type Send } from './tus-upload';

// A scan upload cut off midway (cable pulled, core killed) resumes where the server says it
// stands, from the URL kept in SQLite: it is not created again and no byte is sent twice.

/** The sender reads the scan's bytes for each range (the scan thread does in the app). */
function tusServer(scan: Buffer) {
  const uploads = new Map<string, { length: number; data: Buffer }>();
  const log: string[] = [];
  const reply = (status: number, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: Buffer.alloc(0) });
  const send: Send = async (method, target, headers, body) => {
    log.push(`${method} ${target}${headers['upload-offset'] ? ` @${headers['upload-offset']}` : ''}`);
    if (method === 'POST') {
      const id = `/v1/uploads/u${uploads.size + 1}`;
      // creation-with-upload: the first chunk comes with the creation.
      const data = Buffer.from(body ? scan.subarray(body.start, body.end) : Buffer.alloc(0));
      uploads.set(id, { length: Number(headers['upload-length']), data });
      return reply(201, { location: id, 'upload-offset': String(data.length) });
    }
    const u = uploads.get(target);
    if (!u) return reply(404);
    if (method === 'HEAD') return reply(200, { 'upload-offset': String(u.data.length) });
    if (Number(headers['upload-offset']) !== u.data.length) return reply(409);
    u.data = Buffer.concat([u.data, body ? scan.subarray(body.start, body.end) : Buffer.alloc(0)]);
    return reply(204, { 'upload-offset': String(u.data.length) });
  };
  return { send, log, uploads };
}

describe('resumable scan upload (tus)', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('resumes after a cut from the offset the server confirmed, with the URL kept across a restart', async () => {
    t = tempStoreDir();
    const bytes = randomBytes(10 * 1024);
    const server = tusServer(bytes);
    let store = openTestStore(t.dir, t.key);
    let patches = 0;
    const cutAfterThree: Send = async (m, target, h, b) => {
      if (m === 'PATCH' && ++patches > 3) throw new Error('cable pulled');
      return server.send(m, target, h, b);
    };
    const opts = { creationPath: '/v1/uploads', chunkBytes: 1024, metadata: (sha: string) => ({ sha256: sha }) };
    await expect(
      uploadResumable(
        cutAfterThree,
        createUploads(store.db, () => 't'),
        'a'.repeat(64),
        bytes.length,
        opts,
      ),
    ).rejects.toThrow('cable pulled');
    store.close();

    store = openTestStore(t.dir, t.key); // the core restarts
    const uploads = createUploads(store.db, () => 't');
    expect(uploads.row('a'.repeat(64))).toMatchObject({ upload_url: '/v1/uploads/u1', offset: 4096, state: 'pending' });
    server.log.length = 0;
    await uploadResumable(server.send, uploads, 'a'.repeat(64), bytes.length, opts);
    expect(server.log.slice(0, 2)).toEqual(['HEAD /v1/uploads/u1', 'PATCH /v1/uploads/u1 @4096']);
    expect(server.log.filter((l) => l.startsWith('POST'))).toEqual([]);
    expect(server.uploads.get('/v1/uploads/u1')!.data.equals(bytes)).toBe(true);
    expect(uploads.isDone('a'.repeat(64))).toBe(true);
    store.close();
  });

  it('a scan that fits in one chunk goes in its creation request alone and is recorded as sent', async () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    const bytes = randomBytes(900);
    const server = tusServer(bytes);
    const uploads = createUploads(store.db, () => 't');
    const opts = { creationPath: '/v1/uploads', chunkBytes: 1024, metadata: (sha: string) => ({ sha256: sha }) };
    await uploadResumable(server.send, uploads, 'c'.repeat(64), bytes.length, opts);
    expect(server.log).toEqual(['POST /v1/uploads']);
    expect(server.uploads.get('/v1/uploads/u1')!.data.equals(bytes)).toBe(true);
    // Without this record the next push round sent every such scan a second time.
    expect(uploads.isDone('c'.repeat(64))).toBe(true);
    expect(uploads.row('c'.repeat(64))).toMatchObject({ size: 900, offset: 900, state: 'done' });
    store.close();
  });

  it('a chunk that landed but whose answer was lost is not sent twice (409 → ask the server where it stands)', async () => {
    t = tempStoreDir();
    const store = openTestStore(t.dir, t.key);
    const bytes = randomBytes(4 * 1024);
    const server = tusServer(bytes);
    let lost = false;
    const losesOneAnswer: Send = async (m, target, h, b) => {
      const r = await server.send(m, target, h, b);
      if (m === 'PATCH' && !lost && h['upload-offset'] === '1024') {
        lost = true;
        throw new Error('answer lost');
      }
      return r;
    };
    const uploads = createUploads(store.db, () => 't');
    const opts = { creationPath: '/v1/uploads', chunkBytes: 1024, metadata: (sha: string) => ({ sha256: sha }) };
    await expect(uploadResumable(losesOneAnswer, uploads, 'b'.repeat(64), bytes.length, opts)).rejects.toThrow('answer lost');
    await uploadResumable(losesOneAnswer, uploads, 'b'.repeat(64), bytes.length, opts);
    expect(server.uploads.get('/v1/uploads/u1')!.data.equals(bytes)).toBe(true);
    store.close();
  });
});
