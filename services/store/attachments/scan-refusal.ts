import type { ApiErrorBody } from '../../../api/result';
import type { MessageKey } from '../../../i18n';
import type { SniffResult } from './sniff';

type Refusal = Extract<SniffResult, { ok: false }>['reason'] | 'timeout';

const MESSAGE_KEYS: Partial<Record<Refusal, MessageKey>> = {
  too_many_pixels: 'hardening.scan.tooManyPixels',
  too_complex: 'hardening.scan.tooComplex',
  timeout: 'hardening.scan.checkTimedOut',
};

/** The clerk-facing message for a refused scan that is neither damaged nor of the wrong type. */
export const refusalMessageKey = (reason: Refusal): MessageKey | undefined => MESSAGE_KEYS[reason];

/**
 * A scan refused because it is built to hurt (a pixel bomb, a file too complex to check in
 * budget). Not a StoreError: the scans panel's mapping of 'corrupt' and 'unsupported_type'
 * must not turn it into "damaged file"; the dispatcher presents it as it is (BoundaryError).
 */
export class ScanRefusedError extends Error {
  readonly code = 'scan_refused';
  constructor(
    readonly reason: Refusal,
    message: string,
    readonly messageKey: MessageKey,
    readonly params?: Record<string, number>,
  ) {
    super(message);
    this.name = 'ScanRefusedError';
  }

  toApiError(): ApiErrorBody {
    return { code: 'refused', message: this.message, messageKey: this.messageKey, ...(this.params ? { params: this.params } : {}) };
  }
}
