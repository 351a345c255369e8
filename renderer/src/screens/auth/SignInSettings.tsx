import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../../../api/result';
import type { AuthSettingsSchema } from '../../../../api/contracts/auth-contract';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { useSessionStore } from '../../state/session-store';
import { parseSettingValue, SIGN_IN_SETTINGS, type SignInSetting } from './sign-in-settings';

type Settings = z.output<typeof AuthSettingsSchema>;

/**
 * Workstation administrator: lockout threshold and duration, idle lock and supervisor
 * sign-in-on-top minutes. Each is saved on its own (the core audits every change).
 */
export function SignInSettings({ settings, onSaved }: { settings: Settings | null; onSaved: (s: Settings) => void }) {
  const t = useT();
  const refreshSession = useSessionStore((s) => s.refresh);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [saved, setSaved] = useState<SignInSetting['key'] | null>(null);

  useEffect(() => {
    if (settings) setValues(Object.fromEntries(SIGN_IN_SETTINGS.map((s) => [s.key, String(settings[s.field])])));
  }, [settings]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    for (const s of SIGN_IN_SETTINGS) {
      const value = parseSettingValue(values[s.key] ?? '', s);
      if (value === null) return;
      if (settings && settings[s.field] === value) continue;
      const r = await sessionApi['auth.setSetting']({ key: s.key, value });
      if (!r.ok) return setError(r.error);
      onSaved(r.value);
      setSaved(s.key);
    }
    setError(null);
    // The idle lock's minutes come with the session status: the timer picks the new value up.
    await refreshSession();
  };

  const problems = SIGN_IN_SETTINGS.filter((s) => parseSettingValue(values[s.key] ?? '', s) === null);
  return (
    <form className="sign-in-settings" onSubmit={(e) => void save(e)} aria-labelledby="sign-in-settings-title" noValidate>
      <h2 id="sign-in-settings-title">{t('auth.settings.title')}</h2>
      {SIGN_IN_SETTINGS.map((s) => (
        <TextField
          key={s.key}
          label={t(s.label)}
          value={values[s.key] ?? ''}
          onChange={(v) => setValues((o) => ({ ...o, [s.key]: v }))}
          inputMode="numeric"
          maxLength={4}
          hint={t('auth.settings.range', { min: s.min, max: s.max })}
          {...(problems.includes(s) ? { error: t('auth.settings.outOfRange', { min: s.min, max: s.max }) } : {})}
        />
      ))}
      <button type="submit" disabled={!settings || problems.length > 0}>
        {t('auth.settings.save')}
      </button>
      {saved ? <p role="status">{t('auth.settings.saved')}</p> : null}
      <ErrorNotice error={error} />
    </form>
  );
}
