import { useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { isMessageKey, type MessageParams } from '../../../../i18n';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { PasswordField } from '../auth/PasswordField';
import { localisedParams } from '../../i18n/localised-message';

interface Refusal {
  id: string;
  code: string;
  messageKey?: string | undefined;
  params?: MessageParams | undefined;
}

/**
 * End-of-day approval of several reviewed applications with one re-authentication. The core
 * checks each one (four eyes, state, reviewed by this supervisor): what it refused is listed
 * by name with the reason, so the supervisor knows which to open.
 */
export function BulkApproveDialog({
  ids,
  labels = {},
  onClose,
}: {
  ids: string[];
  labels?: Readonly<Record<string, string>>;
  onClose: (changed: boolean) => void;
}) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [result, setResult] = useState<{ approved: number; refused: Refusal[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await sessionApi['approval.bulkApprove']({ ids, password });
    setBusy(false);
    setPassword('');
    if (r.ok) setResult({ approved: r.value.approved.length, refused: r.value.refused });
    else setError(r.error);
  };
  return (
    <div className="lock-overlay" onKeyDown={(e) => e.key === 'Escape' && onClose(result !== null)}>
      <div className="auth-panel" role="dialog" aria-modal="true" aria-labelledby="bulk-title">
        <h2 id="bulk-title">{t('approval.bulk.title')}</h2>
        {result ? (
          <>
            <p role="status">{t('approval.bulk.result', { approved: result.approved, refused: result.refused.length })}</p>
            {result.refused.length > 0 ? (
              <ul className="bulk-refused" aria-label={t('approval.bulk.refusedList')}>
                {result.refused.map((x) => (
                  <li key={x.id}>
                    {t('approval.bulk.refusedItem', {
                      name: labels[x.id] ?? x.id,
                      reason: x.messageKey && isMessageKey(x.messageKey) ? t(x.messageKey, localisedParams(t, x.params)) : t('api.error.internal'),
                    })}
                  </li>
                ))}
              </ul>
            ) : null}
            <button type="button" autoFocus onClick={() => onClose(true)}>
              {t('approval.review.back')}
            </button>
          </>
        ) : (
          <form onSubmit={submit}>
            <p>{t('approval.bulk.body', { count: ids.length })}</p>
            <PasswordField label={t('auth.signIn.password')} value={password} onChange={setPassword} autoFocus name="bulkPassword" />
            <ErrorNotice error={error} />
            <div className="actions">
              <button type="submit" disabled={busy}>
                {t('approval.bulk.submit')}
              </button>
              <button type="button" onClick={() => onClose(false)}>
                {t('auth.elevation.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
