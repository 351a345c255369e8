import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { workstationApi, type WorkstationSettingsValue } from './workstation-api';
import { ServerSettingsList } from './ServerSettingsList';

type Form = { code: string; nameZh: string; namePt: string; workstationId: string; scannerFolder: string };

const toForm = (s: WorkstationSettingsValue): Form => ({
  // The placeholder code is offered empty: it is the one value the administrator may not keep.
  code: s.placeholder ? '' : s.servicePoint.code,
  nameZh: s.placeholder ? '' : s.servicePoint.nameZh,
  namePt: s.placeholder ? '' : s.servicePoint.namePt,
  workstationId: s.workstationId,
  scannerFolder: s.scannerFolder,
});

/** The administrator's service point, workstation id and scanner folder (issue 13, item 2). */
export function WorkstationSettingsForm() {
  const t = useT();
  const id = useId();
  const loadInfo = useAppStore((s) => s.loadInfo);
  const [settings, setSettings] = useState<WorkstationSettingsValue | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [message, setMessage] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void workstationApi['workstation.settings']({}).then((r) => {
      if (r.ok) {
        setSettings(r.value);
        setForm(toForm(r.value));
      } else setError(r.error);
    });
  }, []);

  if (!settings || !form) return <ErrorNotice error={error} />;

  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    setSaving(true);
    const r = await workstationApi['workstation.configure']({
      servicePoint: { code: form.code.trim().toUpperCase(), nameZh: form.nameZh, namePt: form.namePt },
      workstationId: form.workstationId.trim().toUpperCase(),
      scannerFolder: form.scannerFolder,
    });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setSettings(r.value.settings);
    setForm(toForm(r.value.settings));
    setMessage(t(r.value.restartRequired ? 'workstation.savedRestart' : 'workstation.saved'));
    // The header and status bar show the service point from app.info.
    void loadInfo();
  };

  const field = (key: keyof Form, label: Parameters<typeof t>[0], extra: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(label)}</label>
      <input id={`${id}-${key}`} value={form[key]} onChange={set(key)} {...extra} />
    </div>
  );

  return (
    <section className="workstation-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('workstation.title')}</h2>
      <p>{t('workstation.intro')}</p>
      {settings.placeholder && (
        <p role="status" className="notice">
          {t('workstation.placeholderNotice')}
        </p>
      )}
      <form onSubmit={(e) => void save(e)}>
        {field('code', 'workstation.servicePointCode', { required: true, maxLength: 8, pattern: '[A-Za-z0-9]{2,8}', autoComplete: 'off' })}
        {field('nameZh', 'workstation.nameZh', { required: true, maxLength: 100, lang: 'zh-Hant' })}
        {field('namePt', 'workstation.namePt', { required: true, maxLength: 100, lang: 'pt' })}
        {field('workstationId', 'workstation.workstationId', {
          required: true,
          maxLength: 8,
          pattern: '[A-Za-z0-9]{2,8}',
          autoComplete: 'off',
          readOnly: settings.workstationIdLocked,
          'aria-describedby': settings.workstationIdLocked ? `${id}-locked` : undefined,
        })}
        {settings.workstationIdLocked && <p id={`${id}-locked`}>{t('workstation.workstationIdLocked')}</p>}
        {field('scannerFolder', 'workstation.scannerFolder', { maxLength: 1000, spellCheck: false })}
        <button type="submit" disabled={saving}>
          {t('workstation.save')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {message && <p role="status">{message}</p>}
      {settings.fromServer && <ServerSettingsList items={settings.fromServer} />}
    </section>
  );
}
