import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store';
import { decryptBlob } from '../store/attachments/blob-crypto';
import { StoreError, toStoreError } from '../store/errors';
import { SCAN_THREAD_SOURCE, type ScanThreadAnswer, type ScanThreadPool, type ScanThreadRequest } from './scan-thread';

// A 500 KB scan read for upload costs the core's thread a few milliseconds (file read, AES-GCM,
// SHA-256 check) and, held in the core's heap, a major GC every few scans — 2,000 of them in a
// drain after an outage, beside the clerk's checklist. One worker thread (scan-thread.ts) does
// that part and sends the bytes itself; the core only looks up the file and its key
// (store.attachments.sealedFile) and decides the request.

/** A request carrying a byte range of a stored scan, as the core signed it. */
export interface ScanRequest {
  sha256: string;
  /** The scan's recorded size (blobs.size). */
  size: number;
  start: number;
  end: number;
  url: string;
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
  pool: ScanThreadPool;
  signal?: AbortSignal;
}

export interface ScanResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  tlsSpkiSha256?: string;
}

/** Why the scan thread got no usable answer ('stale': a kept-alive connection closed under the request, nothing answered). */
export class ScanSendError extends Error {
  constructor(
    readonly kind: 'network' | 'identity' | 'stale',
    message: string,
  ) {
    super(message);
  }
}

export interface ScanReader {
  /** The checked plaintext of a stored scan (same answers as store.attachments.read, StoreError on failure). */
  read(sha256: string): Promise<Buffer>;
  /**
   * Send bytes [start, end) of a stored scan with this request, from the scan thread; null when
   * no worker thread can run here (the caller then sends from this thread). StoreError when the
   * scan cannot be read, ScanSendError when no answer came.
   */
  send(req: ScanRequest): Promise<ScanResponse> | null;
  close(): Promise<void>;
}

type Waiter = { resolve: (a: ScanThreadAnswer) => void; reject: (e: unknown) => void };

export function createScanReader(store: Store): ScanReader {
  let worker: Worker | null | undefined;
  let nextId = 0;
  const waiting = new Map<number, Waiter>();

  const failAll = (e: unknown) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const start = (): Worker | null => {
    if (worker !== undefined) return worker;
    try {
      worker = new Worker(SCAN_THREAD_SOURCE, { eval: true });
    } catch {
      return (worker = null); // no worker threads here: read on this thread instead
    }
    worker.unref();
    worker.on('message', (a: ScanThreadAnswer) => {
      const w = waiting.get(a.id);
      if (!w) return;
      waiting.delete(a.id);
      w.resolve(a);
    });
    // A worker that died takes its requests with it; the next one starts a new worker.
    const gone = (e: unknown) => {
      worker = undefined;
      failAll(e instanceof Error ? e : new StoreError('io', 'scan reader stopped'));
    };
    worker.on('error', gone);
    worker.on('exit', () => gone(new StoreError('io', 'scan reader stopped')));
    return worker;
  };

  const ask = (w: Worker, message: ScanThreadRequest & { id: number }, signal?: AbortSignal): Promise<ScanThreadAnswer> =>
    new Promise<ScanThreadAnswer>((resolve, reject) => {
      if (signal?.aborted) return reject(new ScanSendError('network', 'The operation was aborted'));
      const onAbort = () => {
        waiting.delete(message.id);
        w.postMessage({ type: 'abort', id: message.id } satisfies ScanThreadRequest);
        reject(new ScanSendError('network', 'The operation was aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      waiting.set(message.id, {
        resolve: (a) => (done(), resolve(a)),
        reject: (e) => (done(), reject(e)),
      });
      w.postMessage(message);
    });

  const storeFailure = (a: ScanThreadAnswer, sha256: string) =>
    'error' in a ? new StoreError(a.error.code, `scan file ${sha256.slice(0, 12)}: ${a.error.message}`) : undefined;

  return {
    async read(sha256) {
      const { path, fileKey } = store.attachments.sealedFile(sha256);
      const w = start();
      if (!w) return readHere(path, fileKey, sha256);
      const a = await ask(w, { type: 'read', id: ++nextId, path, key: fileKey.toString('hex'), sha: sha256 });
      const failed = storeFailure(a, sha256);
      if (failed) throw failed;
      if (!('bytes' in a)) throw new StoreError('io', 'scan reader answered out of turn');
      return Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength);
    },
    send(req) {
      const w = start();
      if (!w) return null;
      const { path, fileKey } = store.attachments.sealedFile(req.sha256);
      const message: ScanThreadRequest = {
        type: 'send',
        id: ++nextId,
        path,
        key: fileKey.toString('hex'),
        sha: req.sha256,
        size: req.size,
        start: req.start,
        end: req.end,
        url: req.url,
        method: req.method,
        headers: req.headers,
        timeoutMs: req.timeoutMs,
        pool: req.pool,
      };
      return ask(w, message, req.signal).then((a) => {
        const failed = storeFailure(a, req.sha256);
        if (failed) throw failed;
        if ('failure' in a) throw new ScanSendError(a.failure.kind, a.failure.message);
        if (!('response' in a)) throw new ScanSendError('network', 'scan thread answered out of turn');
        const r = a.response;
        return {
          status: r.status,
          headers: r.headers,
          body: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength),
          ...(r.spki ? { tlsSpkiSha256: r.spki } : {}),
        };
      });
    },
    async close() {
      const w = worker;
      worker = null;
      failAll(new StoreError('io', 'scan reader closed'));
      w?.postMessage({ type: 'close' } satisfies ScanThreadRequest);
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
