import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';
import { PasswordField } from './PasswordField';

/**
 * The signed-in user's password change. `forced`: a password an administrator typed must be
 * replaced before anything else (issue 13, item 1) — no way back, and `onChanged` once it is.
 */
export function ChangePassword({ onDone, forced = false, onChanged }: { onDone?: () => void; forced?: boolean; onChanged?: () => void }) {
  const t = useT();
  const { changePassword, busy, error } = useSessionStore();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const mismatch = confirm !== '' && confirm !== next;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    const ok = await changePassword(current, next);
    setCurrent('');
    if (ok) {
      setNext('');
      setConfirm('');
      setDone(true);
      onChanged?.();
    }
  };
  return (
    <section className="auth-panel change-password" aria-labelledby="pw-title">
      <h1 id="pw-title" tabIndex={-1}>
        {forced ? t('users.mustChange.title') : t('auth.password.title')}
      </h1>
      {forced ? <p>{t('users.mustChange.body')}</p> : null}
      <form onSubmit={submit}>
        <PasswordField label={t('auth.password.current')} value={current} onChange={setCurrent} autoFocus name="currentPassword" />
        <PasswordField label={t('auth.password.new')} value={next} onChange={setNext} autoComplete="new-password" name="newPassword" />
        <PasswordField label={t('auth.setup.confirm')} value={confirm} onChange={setConfirm} autoComplete="new-password" name="confirmPassword" />
        {mismatch ? (
          <p role="alert" className="field-error">
            {t('auth.setup.mismatch')}
          </p>
        ) : null}
        {done ? <p role="status">{t('auth.password.done')}</p> : null}
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" disabled={busy || mismatch}>
            {t('auth.password.submit')}
          </button>
          {forced || !onDone ? null : (
            <button type="button" onClick={onDone}>
              {t('approval.review.back')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
