import { Worker } from 'node:worker_threads';
import { DEFAULT_SNIFF_LIMITS, sniffScan, sniffScanWith, type SniffLimits, type SniffResult } from './sniff';

export type InspectResult = SniffResult | { ok: false; reason: 'timeout'; detail: string };

/** Far above what the bounded check needs (tens of ms); only a stuck or starved worker reaches it. */
export const INSPECT_TIMEOUT_MS = 10_000;

/**
 * The worker runs the check's own source text (sniffScanWith uses nothing from outside itself),
 * so it needs no separate bundle entry: the same code runs under tsx, vitest and the Electron
 * main bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { crc32 } = require('node:zlib');
const sniff = (${sniffScanWith.toString()});
const u = workerData.bytes;
parentPort.postMessage(sniff(Buffer.from(u.buffer, u.byteOffset, u.byteLength), crc32, workerData.limits));
`;

/**
 * Check a file off the core's thread, with a timeout: a file built to stall the check (issue 12,
 * item 6) costs a worker, never the clerks' core. Past the timeout the worker is stopped and the
 * file refused; if a worker cannot start at all, the bounded check runs here instead.
 */
export function inspectScanOffThread(bytes: Buffer, opts: { timeoutMs?: number; limits?: SniffLimits } = {}): Promise<InspectResult> {
  const limits = opts.limits ?? DEFAULT_SNIFF_LIMITS;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: InspectResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker?.terminate();
      resolve(r);
    };
    let worker: Worker | undefined;
    const timer = setTimeout(
      () => finish({ ok: false, reason: 'timeout', detail: `file check took longer than ${opts.timeoutMs ?? INSPECT_TIMEOUT_MS} ms` }),
      opts.timeoutMs ?? INSPECT_TIMEOUT_MS,
    );
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes: new Uint8Array(bytes), limits }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    } catch {
      finish(sniffScan(bytes, limits));
      return;
    }
    worker.once('message', (r: SniffResult) => finish(r));
    worker.once('error', () => finish(sniffScan(bytes, limits)));
    worker.once('exit', () => finish(sniffScan(bytes, limits)));
  });
}
