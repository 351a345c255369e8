import type { ApiErrorBody } from '../../../api/result';
import { isMessageKey } from '../../../i18n';
import { useT } from '../i18n/locale-store';

/** Shows an API error in the clerk's language; never a stack or a raw code alone. */
export function ErrorNotice({ error }: { error: ApiErrorBody | null }) {
  const t = useT();
  if (!error) return null;
  const text = error.messageKey && isMessageKey(error.messageKey) ? t(error.messageKey, error.params) : t('api.error.internal');
  return (
    <div role="alert" className="notice notice-error">
      {text}
    </div>
  );
}
