import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/TextField';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';
import { PasswordField } from './PasswordField';

export function SignIn() {
  const t = useT();
  const { signIn, busy, error } = useSessionStore();
  const [staffNumber, setStaffNumber] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await signIn(staffNumber.trim(), password);
    setPassword('');
    if (!ok) document.querySelector<HTMLInputElement>('.sign-in input[type=password]')?.focus();
  };
  return (
    <section className="auth-panel sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" tabIndex={-1}>
        {t('auth.signIn.title')}
      </h1>
      <form onSubmit={submit}>
        <TextField
          label={t('auth.signIn.staffNumber')}
          value={staffNumber}
          onChange={setStaffNumber}
          autoFocus
          autoComplete="username"
          maxLength={20}
          name="staffNumber"
          required
        />
        <PasswordField label={t('auth.signIn.password')} value={password} onChange={setPassword} name="password" />
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          {t('auth.signIn.submit')}
        </button>
      </form>
    </section>
  );
}
