import { ipcChannel } from '../common/ipc-channels';

export type PreloadInvoke = (channel: string, input: unknown) => Promise<unknown>;
export type PreloadApi = Readonly<Record<string, (input?: unknown) => Promise<unknown>>>;

const UNAVAILABLE = {
  ok: false,
  error: { code: 'unavailable', message: 'The app core did not answer', messageKey: 'api.error.unavailable' },
} as const;

/**
 * The object exposed as `window.counterdesk`: one named function per contract method and
 * nothing else (Electron security checklist 20) — no ipcRenderer, no generic invoke, no
 * event objects handed back. Each function passes exactly one argument. A rejected invoke
 * (no handler yet, main busy shutting down) becomes a typed error, as the client expects.
 */
export function buildPreloadApi(methods: readonly string[], invoke: PreloadInvoke): PreloadApi {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of methods) {
    const channel = ipcChannel(method);
    api[method] = (input?: unknown) => invoke(channel, input).catch(() => UNAVAILABLE);
  }
  return Object.freeze(api);
}
