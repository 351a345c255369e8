import type { Dispatch } from '../../api/dispatch';
import type { ApiResult } from '../../api/result';
import { isAppUrl } from '../common/app-origin';
import { ipcChannel } from '../common/ipc-channels';

/**
 * Only our own page, in the top-level frame, may call the API (Electron security
 * checklist 17). A sub-frame or a page that navigated elsewhere gets nothing.
 */
export function isTrustedSender(url: string | undefined | null, isMainFrame: boolean): boolean {
  return isMainFrame && typeof url === 'string' && isAppUrl(url);
}

/** The part of an IpcMainInvokeEvent the bridge reads. `senderFrame` is null once the frame is gone. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<ApiResult<unknown>>): void;
  removeHandler(channel: string): void;
}

const UNTRUSTED: ApiResult<never> = {
  ok: false,
  error: { code: 'unauthorised', message: 'Untrusted sender', messageKey: 'api.error.unauthorised' },
};
const BAD_CALL: ApiResult<never> = {
  ok: false,
  error: { code: 'invalid_input', message: 'Invalid input', messageKey: 'api.error.invalidInput' },
};
const INTERNAL: ApiResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'Internal error', messageKey: 'api.error.internal' },
};

/**
 * Registers one `ipcMain.handle` per contract method, all through the same wrapper: sender
 * check, exactly one argument, then the shared dispatcher (which zod-parses the input and
 * the output). Whatever goes wrong, the renderer receives `{ok:false, error}` — a rejected
 * invoke would carry the main process's error message and stack across. Returns a function
 * that removes the handlers again.
 */
export function registerIpcBridge(opts: {
  ipcMain: IpcMainLike;
  methods: readonly string[];
  dispatch: Dispatch;
  log?: (msg: string, err?: unknown) => void;
}): () => void {
  const log = opts.log ?? (() => {});
  const channels: string[] = [];
  for (const method of opts.methods) {
    const channel = ipcChannel(method);
    opts.ipcMain.handle(channel, async (event, ...args) => {
      const frame = event.senderFrame;
      if (!frame || !isTrustedSender(frame.url, frame.parent === null)) {
        log(`IPC ${method} refused from ${frame ? frame.url : 'a destroyed frame'}`);
        return UNTRUSTED;
      }
      if (args.length > 1) return BAD_CALL;
      try {
        return await opts.dispatch(method, args[0], { transport: 'ipc' });
      } catch (e) {
        log(`IPC ${method} failed`, e);
        return INTERNAL;
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) opts.ipcMain.removeHandler(channel);
  };
}
