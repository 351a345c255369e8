import type { AppCore, AppCoreOptions } from '../app-core';
import { PrintError, type PrinterInfo, type ReceiptPrinter } from '../../receipts/receipt-printing';
import { inMemorySigningStore } from '../../sync/identity';
import { isToCore, type CoreInit, type FromCore, type MessageEnd, type PrintOp, type ToCore } from './protocol';

export type BuildCore = (opts: AppCoreOptions) => AppCore;

/**
 * The core's side of the host: waits for `init`, builds the one app core, answers calls
 * in the order they complete (a slow sign-in does not hold back a quick status call that
 * arrives after it), and asks the window process to print when a receipt is printed.
 * `exit` ends the process once the store is closed.
 */
export function serveCore(
  port: MessageEnd<unknown, FromCore>,
  build: BuildCore,
  opts: { log?: (msg: string, err?: unknown) => void; exit?: (code: number) => void } = {},
) {
  const log = opts.log ?? (() => {});
  let core: AppCore | null = null;
  let nextPrintId = 1;
  const printing = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  const askToPrint = (op: PrintOp, job?: Parameters<ReceiptPrinter['print']>[0]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextPrintId++;
      printing.set(id, { resolve, reject });
      port.post({ type: 'print', id, op, ...(job ? { job } : {}) });
    });
  let nextKeepId = 1;
  const keeping = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  /** Only the window process can wrap a key with the OS key store: it keeps the seed, then answers. */
  const askToKeepSeed = (seed: Buffer) =>
    new Promise<void>((resolve, reject) => {
      const id = nextKeepId++;
      keeping.set(id, { resolve, reject });
      port.post({ type: 'keepSigningSeed', id, seed: new Uint8Array(seed) });
    });

  const printer: ReceiptPrinter = {
    listPrinters: async () => (await askToPrint('listPrinters')) as PrinterInfo[],
    print: async (job) => (await askToPrint('print', job)) as { printer: string },
    preview: async (job) => void (await askToPrint('preview', job)),
  };

  const start = (init: CoreInit) => {
    if (core) return;
    try {
      core = build({
        dataDir: init.dataDir,
        key: Buffer.from(init.key),
        otherKeys: init.otherKeys.map((k) => Buffer.from(k)),
        version: init.version,
        log,
        ...(init.fontDirectory ? { fontDirectory: init.fontDirectory } : {}),
        ...(init.scannerFolder ? { scannerFolder: init.scannerFolder } : {}),
        ...(init.printing ? { receiptPrinter: printer } : {}),
        ...(init.machineConfig ? { machineConfig: init.machineConfig } : {}),
        ...(init.secrets
          ? {
              auditKey: Buffer.from(init.secrets.auditKey),
              syncSigningKeys: inMemorySigningStore(init.secrets.syncSigningSeed, askToKeepSeed),
            }
          : {}),
      });
      port.post({ type: 'ready', workstationId: core.config.workstationId, servicePoint: core.config.servicePoint.code });
    } catch (e) {
      log('the app core did not start', e);
      port.post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const handle = async (m: ToCore) => {
    switch (m.type) {
      case 'init':
        return start(m.init);
      case 'call': {
        const result = core
          ? await core.dispatch(m.method, m.input, { transport: m.transport })
          : {
              ok: false as const,
              error: { code: 'unavailable' as const, message: 'The app core has not started', messageKey: 'api.error.unavailable' as const },
            };
        return port.post({ type: 'result', id: m.id, result });
      }
      case 'printed': {
        const waiting = printing.get(m.id);
        printing.delete(m.id);
        if (!waiting) return;
        if (m.ok) waiting.resolve(m.value);
        else waiting.reject(new PrintError(m.reason, m.detail));
        return;
      }
      case 'signingSeedKept': {
        const waiting = keeping.get(m.id);
        keeping.delete(m.id);
        if (!waiting) return;
        if (m.ok) waiting.resolve();
        else waiting.reject(new Error(`the signing key could not be kept: ${m.detail}`));
        return;
      }
      case 'close':
        try {
          core?.close();
        } catch (e) {
          log('closing the store failed', e);
        }
        core = null;
        port.post({ type: 'closed' });
        opts.exit?.(0);
        return;
    }
  };

  port.onMessage((m) => {
    if (!isToCore(m)) {
      log('the app core ignored a malformed message');
      return;
    }
    handle(m).catch((e: unknown) => log('the app core failed to handle a message', e));
  });
}
