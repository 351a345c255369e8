import type { ApiErrorBody } from '../../../api/result';
import { isMessageKey } from '../../../i18n';
import { useT } from '../i18n/locale-store';

/** An application status in a refusal ("this application is rejected") reads as the screen's word for it. */
function localisedParams(t: ReturnType<typeof useT>, params: ApiErrorBody['params']): ApiErrorBody['params'] {
  const status = params?.['status'];
  if (typeof status !== 'string') return params;
  const key = `status.app.${status}`;
  return isMessageKey(key) ? { ...params, status: t(key) } : params;
}

/** Shows an API error in the clerk's language; never a stack or a raw code alone. */
export function ErrorNotice({ error }: { error: ApiErrorBody | null }) {
  const t = useT();
  if (!error) return null;
  const text = error.messageKey && isMessageKey(error.messageKey) ? t(error.messageKey, localisedParams(t, error.params)) : t('api.error.internal');
  return (
    <div role="alert" className="notice notice-error">
      {text}
    </div>
  );
}
