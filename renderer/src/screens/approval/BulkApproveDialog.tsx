import { useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { PasswordField } from '../auth/PasswordField';

/** End-of-day approval of several reviewed applications with one re-authentication. */
export function BulkApproveDialog({ ids, onClose }: { ids: string[]; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [result, setResult] = useState<{ approved: number; refused: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await sessionApi['approval.bulkApprove']({ ids, password });
    setBusy(false);
    setPassword('');
    if (r.ok) setResult({ approved: r.value.approved.length, refused: r.value.refused.length });
    else setError(r.error);
  };
  return (
    <div className="lock-overlay" onKeyDown={(e) => e.key === 'Escape' && onClose(result !== null)}>
      <div className="auth-panel" role="dialog" aria-modal="true" aria-labelledby="bulk-title">
        <h2 id="bulk-title">{t('approval.bulk.title')}</h2>
        {result ? (
          <>
            <p role="status">{t('approval.bulk.result', result)}</p>
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
