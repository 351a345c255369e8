import { z } from 'zod';
import type { Transport } from '../../../api/dispatch';
import type { ApiResult } from '../../../api/result';
import type { PrintJob } from '../../receipts/receipt-printing';

/**
 * Messages between the process that owns the windows (Electron main, or a test) and the
 * process that runs the app core (an Electron utilityProcess, or a Node child). The core
 * hashes passwords, encrypts SQLite pages and renders PDFs; none of that may stall the
 * process that drives the windows (issue 11, item 7 — as VS Code and Signal move such work
 * off their main process).
 *
 * Both ends are ours, but a message is still checked for its shape before it is acted on: a
 * malformed one is dropped and logged, never allowed to throw inside the message loop.
 */

/** What the core needs to start, as plain data: it crosses a process boundary. */
export interface CoreInit {
  dataDir: string;
  /** The unwrapped database key; only the window process can ask the OS key store for it. */
  key: Uint8Array;
  otherKeys: Uint8Array[];
  version: string;
  fontDirectory?: string;
  scannerFolder?: string;
  /** The window process can print receipts (Electron): the core gets a printer that asks it. */
  printing: boolean;
  /** Where the machine-wide configuration is and how strictly it is read (AppCoreOptions.machineConfig). */
  machineConfig?: { path?: string; requireReadOnly: boolean; allowStartConsoleCode: boolean };
  /**
   * Electron (issue 12): the audit chain's key and the sync signing seed, unwrapped from the OS
   * key store by the window process, kept in memory only. A new signing seed made at enrolment
   * goes back to be wrapped (`keepSigningSeed`). Absent (harness, tests): plain key files.
   */
  secrets?: CoreSecretsInit;
}

export interface CoreSecretsInit {
  auditKey: Uint8Array;
  syncSigningSeed: Uint8Array | null;
}

const key32 = z.instanceof(Uint8Array).refine((k) => k.length === 32, '32 bytes');
const CoreSecretsSchema = z.object({ auditKey: key32, syncSigningSeed: key32.nullable() }).strict();
const CoreInitShape = z.object({ dataDir: z.string(), key: key32, otherKeys: z.array(key32), secrets: CoreSecretsSchema.optional() });
const KeepSigningSeedSchema = z.object({ type: z.literal('keepSigningSeed'), id: z.number().int().safe(), seed: key32 }).strict();
const SigningSeedKeptSchema = z.union([
  z.object({ type: z.literal('signingSeedKept'), id: z.number().int().safe(), ok: z.literal(true) }).strict(),
  z.object({ type: z.literal('signingSeedKept'), id: z.number().int().safe(), ok: z.literal(false), detail: z.string().max(2000) }).strict(),
]);

export type PrintOp = 'listPrinters' | 'print' | 'preview';

export type ToCore =
  | { type: 'init'; init: CoreInit }
  | { type: 'call'; id: number; method: string; input: unknown; transport: Transport }
  | { type: 'printed'; id: number; ok: true; value: unknown }
  | { type: 'printed'; id: number; ok: false; reason: 'no_printer' | 'printer_unknown' | 'failed'; detail: string }
  | z.infer<typeof SigningSeedKeptSchema>
  | { type: 'close' };

export type FromCore =
  | { type: 'ready'; workstationId: string; servicePoint: string }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'print'; id: number; op: PrintOp; job?: PrintJob }
  /** The core made a signing seed at enrolment: wrap and keep it, then answer `signingSeedKept`. */
  | z.infer<typeof KeepSigningSeedSchema>
  | { type: 'closed' };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isId = (v: unknown): v is number => Number.isSafeInteger(v);

export function isToCore(m: unknown): m is ToCore {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'init':
      // The keys must be whole: a short audit key or seed would start a core that keys or signs wrongly.
      return CoreInitShape.safeParse(m.init).success;
    case 'call':
      return isId(m.id) && typeof m.method === 'string' && (m.transport === 'ipc' || m.transport === 'http');
    case 'printed':
      return isId(m.id) && typeof m.ok === 'boolean';
    case 'signingSeedKept':
      return SigningSeedKeptSchema.safeParse(m).success;
    case 'close':
      return true;
    default:
      return false;
  }
}

export function isFromCore(m: unknown): m is FromCore {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'ready':
      return typeof m.workstationId === 'string' && typeof m.servicePoint === 'string';
    case 'failed':
      return typeof m.message === 'string';
    case 'result':
      return isId(m.id) && isObject(m.result) && typeof m.result.ok === 'boolean';
    case 'print':
      return isId(m.id) && (m.op === 'listPrinters' || m.op === 'print' || m.op === 'preview');
    case 'keepSigningSeed':
      return KeepSigningSeedSchema.safeParse(m).success;
    case 'closed':
      return true;
    default:
      return false;
  }
}

/** One end of a message channel, whatever carries it (utilityProcess parentPort, Node IPC, a MessagePort). */
export interface MessageEnd<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
