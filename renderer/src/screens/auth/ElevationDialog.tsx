import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TextField } from '../../components/TextField';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';
import { PasswordField } from './PasswordField';

/** A supervisor signs in on top of the clerk's session, for one decision (default) or a short window. */
export function ElevationDialog({ onClose, mode = 'one_decision' }: { onClose: (elevated: boolean) => void; mode?: 'one_decision' | 'window' }) {
  const t = useT();
  const { status, elevate, busy, error, clearError } = useSessionStore();
  const [staffNumber, setStaffNumber] = useState('');
  const [password, setPassword] = useState('');
  const opener = useRef<Element | null>(document.activeElement);
  useEffect(() => {
    clearError();
    const prev = opener.current;
    return () => {
      if (prev instanceof HTMLElement) prev.focus();
    };
  }, [clearError]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await elevate(staffNumber.trim(), password, mode);
    setPassword('');
    if (ok) onClose(true);
  };
  return (
    <div className="lock-overlay" onKeyDown={(e) => e.key === 'Escape' && onClose(false)}>
      <div className="auth-panel elevation" role="dialog" aria-modal="true" aria-labelledby="elev-title" aria-describedby="elev-body">
        <h2 id="elev-title">{t('auth.elevation.title')}</h2>
        <p id="elev-body">{t('auth.elevation.body', { name: status?.user?.displayName ?? '' })}</p>
        <form onSubmit={submit}>
          <TextField
            label={t('auth.signIn.staffNumber')}
            value={staffNumber}
            onChange={setStaffNumber}
            autoFocus
            maxLength={20}
            name="elevStaffNumber"
            required
          />
          <PasswordField label={t('auth.signIn.password')} value={password} onChange={setPassword} name="elevPassword" />
          <ErrorNotice error={error} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t('auth.elevation.submit')}
            </button>
            <button type="button" onClick={() => onClose(false)}>
              {t('auth.elevation.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
