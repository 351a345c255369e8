import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/TextField';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';
import { PasswordField } from './PasswordField';

export function FirstRunSetup() {
  const t = useT();
  const { setup, busy, error, status } = useSessionStore();
  const [setupCode, setSetupCode] = useState('');
  const [staffNumber, setStaffNumber] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm !== '' && confirm !== password;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mismatch) return;
    await setup({ staffNumber: staffNumber.trim(), displayName: displayName.trim(), password, setupCode: setupCode.trim() });
  };
  return (
    <section className="auth-panel first-run" aria-labelledby="setup-title">
      <h1 id="setup-title" tabIndex={-1}>
        {t('auth.setup.title')}
      </h1>
      <form onSubmit={submit}>
        {/* Issue 12 item 2: the installer's one-time code, so being first at a fresh workstation is not enough. */}
        <TextField
          label={t('auth.setup.code')}
          value={setupCode}
          onChange={setSetupCode}
          hint={t(`auth.setup.codeHint.${status?.setupCodeSource ?? 'machine_config'}`)}
          autoFocus
          maxLength={60}
          required
          autoComplete="off"
          spellCheck={false}
          name="setupCode"
        />
        <TextField label={t('auth.signIn.staffNumber')} value={staffNumber} onChange={setStaffNumber} maxLength={20} required name="staffNumber" />
        <TextField label={t('auth.setup.displayName')} value={displayName} onChange={setDisplayName} maxLength={100} required name="displayName" />
        <PasswordField label={t('auth.signIn.password')} value={password} onChange={setPassword} autoComplete="new-password" name="password" />
        <PasswordField label={t('auth.setup.confirm')} value={confirm} onChange={setConfirm} autoComplete="new-password" name="confirm" />
        {mismatch ? (
          <p role="alert" className="field-error">
            {t('auth.setup.mismatch')}
          </p>
        ) : null}
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy || mismatch}>
          {t('auth.setup.submit')}
        </button>
      </form>
    </section>
  );
}
