import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store';
import { decryptBlob } from '../store/attachments/blob-crypto';
import { StoreError, toStoreError } from '../store/errors';

// A 500 KB scan read for upload costs the core's thread a few milliseconds (file read, AES-GCM,
// SHA-256 check) — 2,000 of them in a drain after an outage, beside the clerk's checklist. One
// worker thread does that part; the core only looks up the file and its key (store.attachments
// .sealedFile) and gets the checked bytes back without a copy.
//
// The worker runs this source text (no imports of ours), so it needs no bundle entry of its own:
// the same code runs under tsx, vitest and the Electron core bundle (as inspect-off-thread.ts).
// File layout as services/store/attachments/blob-crypto.ts: "CDS1" | nonce | AES-256-GCM | tag.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
const { createDecipheriv, createHash } = require('node:crypto');
parentPort.on('message', async ({ id, path, key, sha }) => {
  try {
    const file = await readFile(path);
    if (file.length < 32 || file.toString('latin1', 0, 4) !== 'CDS1') throw Object.assign(new Error('damaged header'), { code: 'corrupt' });
    const d = createDecipheriv('aes-256-gcm', Buffer.from(key, 'hex'), file.subarray(4, 16));
    d.setAAD(Buffer.from('blob:' + sha));
    d.setAuthTag(file.subarray(file.length - 16));
    let plain;
    try {
      plain = Buffer.concat([d.update(file.subarray(16, file.length - 16)), d.final()]);
    } catch {
      throw Object.assign(new Error('damaged or truncated'), { code: 'corrupt' });
    }
    if (createHash('sha256').update(plain).digest('hex') !== sha) throw Object.assign(new Error('does not match its hash'), { code: 'corrupt' });
    const out = plain.byteOffset === 0 && plain.byteLength === plain.buffer.byteLength ? plain : Buffer.from(plain);
    parentPort.postMessage({ id, bytes: out }, [out.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: { code: e.code === 'ENOENT' ? 'not_found' : e.code === 'corrupt' ? 'corrupt' : 'io', message: String(e.message) } });
  }
});
`;

type Answer = { id: number; bytes: Uint8Array } | { id: number; error: { code: 'not_found' | 'corrupt' | 'io'; message: string } };

export interface ScanReader {
  /** The checked plaintext of a stored scan (same answers as store.attachments.read, StoreError on failure). */
  read(sha256: string): Promise<Buffer>;
  close(): Promise<void>;
}

export function createScanReader(store: Store): ScanReader {
  let worker: Worker | null | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: unknown) => void }>();

  const failAll = (e: unknown) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const start = (): Worker | null => {
    if (worker !== undefined) return worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true });
    } catch {
      return (worker = null); // no worker threads here: read on this thread instead
    }
    worker.unref();
    worker.on('message', (a: Answer) => {
      const w = waiting.get(a.id);
      if (!w) return;
      waiting.delete(a.id);
      if ('bytes' in a) w.resolve(Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength));
      else w.reject(new StoreError(a.error.code, `scan file ${a.id}: ${a.error.message}`));
    });
    // A worker that died takes its reads with it; the next read starts a new one.
    const gone = (e: unknown) => {
      worker = undefined;
      failAll(e instanceof Error ? e : new StoreError('io', 'scan reader stopped'));
    };
    worker.on('error', gone);
    worker.on('exit', () => gone(new StoreError('io', 'scan reader stopped')));
    return worker;
  };

  return {
    read(sha256) {
      const { path, fileKey } = store.attachments.sealedFile(sha256);
      const w = start();
      if (!w) return Promise.resolve().then(() => readHere(path, fileKey, sha256));
      const id = ++nextId;
      return new Promise<Buffer>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ id, path, key: fileKey.toString('hex'), sha: sha256 });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      failAll(new StoreError('io', 'scan reader closed'));
      await w?.terminate();
    },
  };
}

/** Without worker threads: the same read on this thread. */
function readHere(path: string, fileKey: Buffer, sha256: string): Buffer {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') throw new StoreError('not_found', `scan file ${sha256.slice(0, 12)} is not on this workstation`);
    throw toStoreError(e, 'read scan file');
  }
  return decryptBlob(fileKey, file, sha256);
}
