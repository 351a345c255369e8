import { useEffect, useState, type ChangeEvent } from 'react';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../../../api/result';
import type { AuthSettingsSchema } from '../../../../api/contracts/auth-contract';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { SignInSettings } from './SignInSettings';
import { UserManagement } from './UserManagement';

type Settings = z.output<typeof AuthSettingsSchema>;

/**
 * Workstation administrator: the users of this workstation (create, reset, deactivate,
 * unlock), the enrolment authority's public key as the machine configuration pins it (shown,
 * never editable here: issue 12 item 2), the import of a signed enrolment file (unsigned,
 * altered or older files are refused by the core with a message; none once enrolled with the
 * central server), and the sign-in settings.
 */
export function UsersAdmin() {
  const t = useT();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [imported, setImported] = useState<number | null>(null);

  useEffect(() => {
    void sessionApi['auth.settings']({}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error)));
  }, []);

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const r = await sessionApi['auth.importEnrolment']({ fileText: await file.text() });
    if (r.ok) {
      setImported(r.value.created + r.value.updated);
      setError(null);
    } else {
      setImported(null);
      setError(r.error);
    }
  };

  return (
    <section className="users-admin" aria-labelledby="users-admin-title">
      <h1 id="users-admin-title" tabIndex={-1}>
        {t('users.title')}
      </h1>
      <UserManagement />
      {settings && !settings.managedCentrally ? (
        <>
          <h2>{t('auth.enrolment.title')}</h2>
          <div className="field">
            <label htmlFor="enrolment-key">{t('auth.enrolment.publicKey')}</label>
            <input id="enrolment-key" readOnly value={settings.enrolmentKey ?? t('auth.enrolment.notConfigured')} aria-describedby="enrolment-key-source" />
            <p id="enrolment-key-source" className="field-hint">
              {t(
                settings.machineConfig.state === 'invalid' || settings.machineConfig.state === 'writable'
                  ? 'auth.enrolment.machineConfigUntrusted'
                  : settings.enrolmentKey
                    ? 'auth.enrolment.machineKey'
                    : 'auth.enrolment.machineKeyMissing',
                { path: settings.machineConfig.path },
              )}
            </p>
          </div>
          <div className="field">
            <label htmlFor="enrolment-file">{t('auth.enrolment.title')}</label>
            <input
              id="enrolment-file"
              type="file"
              accept=".json,application/json"
              onChange={(e) => void importFile(e)}
              disabled={!settings.enrolmentKeyConfigured}
            />
          </div>
        </>
      ) : null}
      {imported !== null ? <p role="status">{t('auth.enrolment.done', { count: imported })}</p> : null}
      <ErrorNotice error={error} />
      <SignInSettings settings={settings} onSaved={setSettings} />
    </section>
  );
}
