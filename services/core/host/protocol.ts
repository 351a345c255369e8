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
}

export type PrintOp = 'listPrinters' | 'print' | 'preview';

export type ToCore =
  | { type: 'init'; init: CoreInit }
  | { type: 'call'; id: number; method: string; input: unknown; transport: Transport }
  | { type: 'printed'; id: number; ok: true; value: unknown }
  | { type: 'printed'; id: number; ok: false; reason: 'no_printer' | 'printer_unknown' | 'failed'; detail: string }
  | { type: 'close' };

export type FromCore =
  | { type: 'ready'; workstationId: string; servicePoint: string }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: ApiResult<unknown> }
  | { type: 'print'; id: number; op: PrintOp; job?: PrintJob }
  | { type: 'closed' };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isId = (v: unknown): v is number => Number.isSafeInteger(v);

export function isToCore(m: unknown): m is ToCore {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'init':
      return isObject(m.init) && typeof m.init.dataDir === 'string' && m.init.key instanceof Uint8Array;
    case 'call':
      return isId(m.id) && typeof m.method === 'string' && (m.transport === 'ipc' || m.transport === 'http');
    case 'printed':
      return isId(m.id) && typeof m.ok === 'boolean';
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
