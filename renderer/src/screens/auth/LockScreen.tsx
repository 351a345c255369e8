import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';
import { PasswordField } from './PasswordField';

/**
 * Drawn over the open screen, which stays mounted underneath (made inert by SessionGate), so
 * the form the clerk was filling in is exactly as it was after unlocking.
 */
export function LockScreen() {
  const t = useT();
  const { status, unlock, signOut, busy, error } = useSessionStore();
  const [password, setPassword] = useState('');
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLInputElement>('input[type=password]')?.focus();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await unlock(password);
    setPassword('');
  };
  return (
    <div className="lock-overlay">
      <div ref={dialog} className="auth-panel lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title" aria-describedby="lock-body">
        <h1 id="lock-title">{t('auth.lock.title')}</h1>
        <p id="lock-body">{t('auth.lock.body', { name: status?.user?.displayName ?? '' })}</p>
        <form onSubmit={submit}>
          <PasswordField label={t('auth.signIn.password')} value={password} onChange={setPassword} name="unlockPassword" />
          <ErrorNotice error={error} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t('auth.lock.unlock')}
            </button>
            <button type="button" onClick={() => void signOut()}>
              {t('auth.signOut')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
