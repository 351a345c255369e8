import { isMessageKey, type MessageKey, type MessageParams } from '../../../i18n';
import type { TranslateFn } from './locale-store';

/**
 * A message's params with an application status (the core and the central server send its
 * code, e.g. `rejected`) in the clerk's language, so it reads 「不批准」 and never a code.
 */
export function localisedParams<P extends Record<string, unknown> | undefined>(t: TranslateFn, params: P): P {
  const status = params?.['status'];
  if (typeof status !== 'string') return params;
  const key = `status.app.${status}`;
  return isMessageKey(key) ? { ...params, status: t(key) } : params;
}

/** A message from the core or the central server, in the clerk's language; '' when there is none or its key is unknown. */
export function sayMessage(t: TranslateFn, m: { messageKey: string; params?: MessageParams | undefined } | null | undefined): string {
  if (!m || !isMessageKey(m.messageKey)) return '';
  return t(m.messageKey as MessageKey, localisedParams(t, m.params));
}
