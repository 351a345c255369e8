import type { Input, Method, Output } from '../../../../../api/contract';
import type { ApiResult } from '../../../../../api/result';
import { api } from '../../../api/transport';

export type { AttachmentView } from '../../../../../api/contracts/attachment-contract';

type ScanMethod = Extract<Method, `attachments.${string}` | `scanner.${string}`>;
export type ScansClient = { [M in ScanMethod]: (input: Input<M>) => Promise<ApiResult<Output<M>>> };
export type TrayView = Output<'scanner.tray'>;
export type TrayItem = TrayView['items'][number];

/**
 * The scan calls, each turned into an ApiResult even if the transport throws: a panel in
 * every checklist item must show a refusal, never leave an unhandled rejection behind.
 */
export const scansClient: ScansClient = new Proxy({} as ScansClient, {
  get:
    (_target, method: string) =>
    async (input: unknown): Promise<ApiResult<unknown>> => {
      try {
        const fn = (api as unknown as Record<string, (i: unknown) => Promise<ApiResult<unknown>>>)[method];
        if (!fn) throw new Error(`no transport for ${method}`);
        return await fn(input);
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e), messageKey: 'api.error.internal' } };
      }
    },
});
