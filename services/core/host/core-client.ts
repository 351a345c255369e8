import type { CallContext, Dispatch } from '../../../api/dispatch';
import type { ApiResult } from '../../../api/result';
import { PrintError, type ReceiptPrinter } from '../../receipts/receipt-printing';
import { isFromCore, type CoreInit, type FromCore, type MessageEnd, type ToCore } from './protocol';

/** The core's process as the window process sees it. */
export interface CoreProcess extends MessageEnd<unknown, ToCore> {
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface CoreClient {
  dispatch: Dispatch;
  workstationId: string;
  servicePoint: string;
  /** Closes the store and waits for the process to end (killed after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

const UNAVAILABLE: ApiResult<never> = {
  ok: false,
  error: { code: 'unavailable', message: 'The app core is not answering', messageKey: 'api.error.unavailable' },
};

/**
 * Starts the core in `child` and resolves once it has opened the store. Every call after that
 * is a message; if the core's process ends, calls in flight and later calls answer
 * `unavailable` (the status bar says the core does not answer) instead of hanging.
 */
export function connectCore(
  child: CoreProcess,
  init: CoreInit,
  opts: {
    printer?: ReceiptPrinter;
    /** Wraps and keeps a signing seed the core made at enrolment (Electron: safeStorage); absent, the core's request is refused. */
    keepSigningSeed?: (seed: Buffer) => void;
    log?: (msg: string, err?: unknown) => void;
  } = {},
): Promise<CoreClient> {
  const log = opts.log ?? (() => {});
  const pending = new Map<number, (r: ApiResult<unknown>) => void>();
  let nextId = 1;
  let alive = true;
  let exited!: () => void;
  const exitedP = new Promise<void>((r) => (exited = r));

  return new Promise<CoreClient>((resolve, reject) => {
    const answerPrint = async (m: Extract<FromCore, { type: 'print' }>) => {
      const printer = opts.printer;
      try {
        if (!printer) throw new PrintError('no_printer', 'this window process cannot print');
        const value =
          m.op === 'listPrinters'
            ? await printer.listPrinters()
            : m.op === 'print' && m.job
              ? await printer.print(m.job)
              : m.job
                ? await printer.preview(m.job)
                : undefined;
        child.post({ type: 'printed', id: m.id, ok: true, value });
      } catch (e) {
        const reason = e instanceof PrintError ? e.reason : 'failed';
        child.post({ type: 'printed', id: m.id, ok: false, reason, detail: e instanceof Error ? e.message : String(e) });
      }
    };

    child.onMessage((m) => {
      if (!isFromCore(m)) return log('ignored a malformed message from the app core');
      switch (m.type) {
        case 'ready':
          return resolve({
            workstationId: m.workstationId,
            servicePoint: m.servicePoint,
            dispatch,
            close: async (graceMs = 10_000) => {
              if (!alive) return;
              child.post({ type: 'close' });
              const timer = setTimeout(() => child.kill(), graceMs);
              await exitedP;
              clearTimeout(timer);
            },
          });
        case 'failed':
          return reject(new Error(m.message));
        case 'result': {
          const answer = pending.get(m.id);
          pending.delete(m.id);
          return answer?.(m.result);
        }
        case 'print':
          return void answerPrint(m);
        case 'keepSigningSeed':
          try {
            if (!opts.keepSigningSeed) throw new Error('this window process keeps no keys');
            opts.keepSigningSeed(Buffer.from(m.seed));
            return child.post({ type: 'signingSeedKept', id: m.id, ok: true });
          } catch (e) {
            log('keeping the sync signing key failed', e);
            return child.post({ type: 'signingSeedKept', id: m.id, ok: false, detail: e instanceof Error ? e.message : String(e) });
          }
        case 'closed':
          return;
      }
    });
    child.onExit((code) => {
      alive = false;
      for (const answer of pending.values()) answer(UNAVAILABLE);
      pending.clear();
      exited();
      reject(new Error(`the app core ended before it was ready (exit code ${code ?? 'signal'})`));
    });

    const dispatch: Dispatch = (method: string, input: unknown, ctx: CallContext) => {
      if (!alive) return Promise.resolve(UNAVAILABLE);
      const id = nextId++;
      return new Promise<ApiResult<unknown>>((answer) => {
        pending.set(id, answer);
        try {
          child.post({ type: 'call', id, method, input, transport: ctx.transport });
        } catch (e) {
          // Input that cannot be cloned across processes (a function, say) is bad input, not a crash.
          pending.delete(id);
          log(`could not send ${method} to the app core`, e);
          answer({ ok: false, error: { code: 'invalid_input', message: 'Invalid input', messageKey: 'api.error.invalidInput' } });
        }
      });
    };

    child.post({ type: 'init', init });
  });
}
