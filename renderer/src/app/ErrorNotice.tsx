import type { ApiErrorBody } from '../../../api/result';
import { isMessageKey, type MessageParams } from '../../../i18n';
import { useT } from '../i18n/locale-store';
import { localisedParams } from '../i18n/localised-message';

/** Shows an API error in the clerk's language; never a stack or a raw code alone. */
export function ErrorNotice({ error }: { error: ApiErrorBody | null }) {
  const t = useT();
  if (!error) return null;
  const text =
    error.messageKey && isMessageKey(error.messageKey)
      ? t(error.messageKey, localisedParams(t, error.params) as MessageParams | undefined)
      : t('api.error.internal');
  return (
    <div role="alert" className="notice notice-error">
      {text}
    </div>
  );
}
