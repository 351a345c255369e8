import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobCorruptError, createLocalBlobStore, SEALED_HEADER_BYTES } from '../blobs/blob-store';
import { loadOrCreateServerKeys } from '../crypto/server-keys';
import { startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';

let server: TestServer;
let ws: TestWorkstation;

beforeAll(async () => {
  server = await startTestServer({ users: false });
  ws = await server.workstation('SP01', 'W1');
}, 60_000);
afterAll(async () => server?.close());

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function create(bytes: Buffer, declared = sha256(bytes)): Promise<string> {
  const res = await fetch(`${server.node.url}/v1/uploads`, {
    method: 'POST',
    headers: {
      ...ws.tusHeaders('POST', '/v1/uploads'),
      'upload-length': String(bytes.length),
      'upload-metadata': `sha256 ${Buffer.from(declared).toString('base64')}`,
    },
  });
  expect(res.status).toBe(201);
  return new URL(res.headers.get('location') ?? '', server.node.url).pathname;
}

const patch = (path: string, offset: number, chunk: Buffer) =>
  fetch(`${server.node.url}${path}`, {
    method: 'PATCH',
    headers: { ...ws.tusHeaders('PATCH', path), 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
    body: new Uint8Array(chunk),
  });

/** Sends the first `sendBytes` of a PATCH and then drops the connection, as a network cut would. */
function interruptedPatch(path: string, offset: number, chunk: Buffer, sendBytes: number): Promise<void> {
  return interrupted('PATCH', path, { ...ws.tusHeaders('PATCH', path), 'upload-offset': String(offset) }, chunk, sendBytes);
}

function interrupted(method: string, path: string, headers: Record<string, string>, chunk: Buffer, sendBytes: number): Promise<void> {
  return new Promise((resolve) => {
    const u = new URL(server.node.url);
    const req = request({
      host: u.hostname,
      port: u.port,
      path,
      method,
      headers: { ...headers, 'content-type': 'application/offset+octet-stream', 'content-length': String(chunk.length) },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(chunk.subarray(0, sendBytes), () => setTimeout(() => req.destroy(), 200));
  });
}

const head = async (sha: string) => (await ws.request('HEAD', `/v1/blobs/${sha}`)).status;

/** tus creation-with-upload: the creation carries the first `first` bytes (all of them by default). */
const createWith = (bytes: Buffer, first = bytes.length, declared = sha256(bytes)) =>
  fetch(`${server.node.url}/v1/uploads`, {
    method: 'POST',
    headers: {
      ...ws.tusHeaders('POST', '/v1/uploads', { withBytes: true }),
      'upload-length': String(bytes.length),
      'upload-metadata': `sha256 ${Buffer.from(declared).toString('base64')}`,
      'content-type': 'application/offset+octet-stream',
    },
    body: new Uint8Array(bytes.subarray(0, first)),
  });

const uploadsLeft = () => readdirSync(join(server.dataDir, 'blobs', 'uploads'));

describe('scans', () => {
  it('an upload cut off half-way resumes from the offset the server reports and ends stored and verified', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const sha = sha256(bytes);
    expect(await head(sha)).toBe(404);
    const path = await create(bytes);
    await interruptedPatch(path, 0, bytes, 1024 * 1024);
    const h = await fetch(`${server.node.url}${path}`, { method: 'HEAD', headers: ws.tusHeaders('HEAD', path) });
    const offset = Number(h.headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(bytes.length);
    expect(await head(sha)).toBe(404);
    const rest = await patch(path, offset, bytes.subarray(offset));
    expect(rest.status).toBe(204);
    expect(await head(sha)).toBe(200);
    // At rest it is encrypted, and reads back as the same bytes.
    const keys = loadOrCreateServerKeys(join(server.dataDir, 'server-keys.json'));
    const store = createLocalBlobStore(join(server.dataDir, 'blobs'), keys.blobKey);
    expect((await store.get(sha)).equals(bytes)).toBe(true);
    const file = join(server.dataDir, 'blobs', 'sha256', sha.slice(0, 2), sha);
    expect(readFileSync(file).includes(bytes.subarray(0, 64))).toBe(false);
  });

  it('an upload sent in several PATCHes is hashed across all of them and stored once verified', async () => {
    const bytes = randomBytes(2 * 1024 * 1024 + 5);
    const sha = sha256(bytes);
    const path = await create(bytes);
    const cuts = [0, 700_000, 1_500_001, bytes.length];
    for (let i = 0; i < cuts.length - 1; i++) {
      const res = await patch(path, cuts[i]!, bytes.subarray(cuts[i], cuts[i + 1]));
      expect(res.status).toBe(204);
      expect(await head(sha)).toBe(i === cuts.length - 2 ? 200 : 404);
    }
    const keys = loadOrCreateServerKeys(join(server.dataDir, 'server-keys.json'));
    expect((await createLocalBlobStore(join(server.dataDir, 'blobs'), keys.blobKey).get(sha)).equals(bytes)).toBe(true);
  });

  it('a PATCH sent again while the first still streams (its answer thought lost): the first stops, the second hears where the upload stands, and the scan ends stored once', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    const sha = sha256(bytes);
    const path = await create(bytes);
    // The first PATCH sends 1 MB of its 3 MB and then stalls, its connection still open.
    const u = new URL(server.node.url);
    const first = request({
      host: u.hostname,
      port: u.port,
      path,
      method: 'PATCH',
      headers: {
        ...ws.tusHeaders('PATCH', path),
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
      },
    });
    const firstEnded = new Promise<number | string>((resolve) => {
      first.on('response', (r) => resolve(r.statusCode ?? 0));
      first.on('error', (e) => resolve(e.message));
    });
    first.write(bytes.subarray(0, 1024 * 1024));
    // Wait until the server has them on disk (a fixed pause lost the race on a loaded CI machine).
    const file = join(server.dataDir, 'blobs', 'uploads', path.split('/').pop()!);
    const onDisk = () => {
      try {
        return statSync(file).size - SEALED_HEADER_BYTES;
      } catch {
        return 0;
      }
    };
    for (const t0 = performance.now(); onDisk() < 1024 * 1024;) {
      if (performance.now() - t0 > 20_000) throw new Error(`the server kept ${onDisk()} bytes of the first PATCH's 1 MB`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // The second, from the same offset: the upload has moved on, so 409, and the first was stopped.
    const second = await patch(path, 0, bytes);
    expect(second.status).toBe(409);
    expect(typeof (await firstEnded)).toBe('string'); // its connection was closed, unanswered
    const h = await fetch(`${server.node.url}${path}`, { method: 'HEAD', headers: ws.tusHeaders('HEAD', path) });
    const offset = Number(h.headers.get('upload-offset'));
    expect(offset).toBe(1024 * 1024);
    const rest = await patch(path, offset, bytes.subarray(offset));
    expect(rest.status).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(bytes.length));
    expect(await head(sha)).toBe(200);
    const keys = loadOrCreateServerKeys(join(server.dataDir, 'server-keys.json'));
    expect((await createLocalBlobStore(join(server.dataDir, 'blobs'), keys.blobKey).get(sha)).equals(bytes)).toBe(true);
  });

  it('an upload left half-way is not kept in clear on the server', async () => {
    const bytes = Buffer.alloc(600_000, 'scan of a passport page ');
    const path = await create(bytes);
    await interruptedPatch(path, 0, bytes, 300_000);
    // Every byte that arrived before the cut is kept for the resumption, sealed.
    const h = await fetch(`${server.node.url}${path}`, { method: 'HEAD', headers: ws.tusHeaders('HEAD', path) });
    expect(Number(h.headers.get('upload-offset'))).toBe(300_000);
    const file = join(server.dataDir, 'blobs', 'uploads', path.split('/').pop()!);
    expect(readFileSync(file).length).toBeGreaterThan(1000);
    expect(readFileSync(file).includes(Buffer.from('scan of a passport page'))).toBe(false);
  });

  it('a blob whose bytes do not match the declared SHA-256 is refused and not stored', async () => {
    const bytes = randomBytes(200_000);
    const claimed = sha256(Buffer.from('something else'));
    const path = await create(bytes, claimed);
    const res = await patch(path, 0, bytes);
    expect(res.status).toBe(460);
    expect(await res.json()).toEqual({ error: { code: 'blob_hash_mismatch', messageKey: 'sync.error.blob_hash_mismatch' } });
    expect(await head(claimed)).toBe(404);
    expect(readdirSync(join(server.dataDir, 'blobs', 'uploads')).filter((f) => !f.endsWith('.json'))).not.toContain(path.split('/').pop());
  });

  it('a stored blob corrupted on disk is refused when read, never served as good', async () => {
    const bytes = Buffer.from('a scan that will rot');
    const sha = await server.storeBlob(bytes);
    const file = join(server.dataDir, 'blobs', 'sha256', sha.slice(0, 2), sha);
    const body = readFileSync(file);
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 0xff;
    writeFileSync(file, body);
    const keys = loadOrCreateServerKeys(join(server.dataDir, 'server-keys.json'));
    await expect(createLocalBlobStore(join(server.dataDir, 'blobs'), keys.blobKey).get(sha)).rejects.toBeInstanceOf(BlobCorruptError);
  });

  it('a scan that fits in one request is stored and verified by its creation alone (creation-with-upload), leaving nothing behind', async () => {
    const before = uploadsLeft();
    const bytes = randomBytes(500_000);
    const sha = sha256(bytes);
    const res = await createWith(bytes);
    expect(res.status).toBe(201);
    expect(res.headers.get('upload-offset')).toBe(String(bytes.length));
    expect(await head(sha)).toBe(200);
    const keys = loadOrCreateServerKeys(join(server.dataDir, 'server-keys.json'));
    expect((await createLocalBlobStore(join(server.dataDir, 'blobs'), keys.blobKey).get(sha)).equals(bytes)).toBe(true);
    expect(uploadsLeft()).toEqual(before);
  });

  it('a creation carrying bytes that do not match the declared SHA-256 is refused, and nothing is stored or left behind', async () => {
    const before = uploadsLeft();
    const bytes = randomBytes(300_000);
    const claimed = sha256(Buffer.from('another scan'));
    const res = await createWith(bytes, bytes.length, claimed);
    expect(res.status).toBe(460);
    expect(await head(claimed)).toBe(404);
    expect(await head(sha256(bytes))).toBe(404);
    expect(uploadsLeft()).toEqual(before);
  });

  it('a creation cut off before its answer leaves nothing behind (its URL never reached the workstation, which creates again)', async () => {
    const before = uploadsLeft();
    const bytes = randomBytes(800_000);
    const sha = sha256(bytes);
    const headers = {
      ...ws.tusHeaders('POST', '/v1/uploads', { withBytes: true }),
      'upload-length': String(bytes.length),
      'upload-metadata': `sha256 ${Buffer.from(sha).toString('base64')}`,
    };
    await interrupted('POST', '/v1/uploads', headers, bytes, 400_000);
    await expect.poll(uploadsLeft, { timeout: 5_000 }).toEqual(before);
    expect(await head(sha)).toBe(404);
    expect((await createWith(bytes)).status).toBe(201);
    expect(await head(sha)).toBe(200);
  });

  it('a creation carrying the first chunk of a larger scan continues by PATCH from the offset it answered', async () => {
    const bytes = randomBytes(2 * 1024 * 1024 + 3);
    const sha = sha256(bytes);
    const res = await createWith(bytes, 1024 * 1024);
    expect(res.status).toBe(201);
    expect(res.headers.get('upload-offset')).toBe(String(1024 * 1024));
    const path = new URL(res.headers.get('location') ?? '', server.node.url).pathname;
    const h = await fetch(`${server.node.url}${path}`, { method: 'HEAD', headers: ws.tusHeaders('HEAD', path) });
    expect(h.headers.get('upload-offset')).toBe(String(1024 * 1024));
    expect(await head(sha)).toBe(404);
    expect((await patch(path, 1024 * 1024, bytes.subarray(1024 * 1024))).status).toBe(204);
    expect(await head(sha)).toBe(200);
    const keys = loadOrCreateServerKeys(join(server.dataDir, 'server-keys.json'));
    expect((await createLocalBlobStore(join(server.dataDir, 'blobs'), keys.blobKey).get(sha)).equals(bytes)).toBe(true);
  });

  it('tus requests are signed like any other', async () => {
    const res = await fetch(`${server.node.url}/v1/uploads`, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } });
    expect(res.status).toBe(401);
  });
});
