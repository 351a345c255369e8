import { LOCALES, translate, type MessageKey, type MessageParams } from '../../i18n';
import { StoreError } from '../../services/store/errors';
import type { KeyStoreDecision } from './key-policy';

export interface StartupDialog {
  title: string;
  body: string;
}

/**
 * What the clerk (and the administrator they call) sees when the app cannot start. Shown
 * before any page exists and before a language was chosen, so in all three languages,
 * Traditional Chinese first.
 */
export function startupFailureDialog(cause: Exclude<KeyStoreDecision, 'ok'> | unknown): StartupDialog {
  let key: MessageKey;
  let params: MessageParams | undefined;
  if (cause === 'plaintext_refused') key = 'shell.keyStore.plaintextRefused';
  else if (cause === 'unavailable') key = 'shell.keyStore.unavailable';
  else if (cause instanceof StoreError) {
    key = cause.messageKey;
    params = cause.params;
  } else key = 'shell.startFailed.body';
  return {
    title: LOCALES.map((l) => translate(l, 'shell.startFailed.title')).join(' / '),
    body: LOCALES.map((l) => translate(l, key, params)).join('\n\n'),
  };
}
