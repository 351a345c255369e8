import { useId, useState, type ChangeEvent } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { workstationApi } from './workstation-api';

/** The administrator imports the reference data file here instead of `npm run reference:import` (issue 13, item 2). */
export function ReferenceImportPanel() {
  const t = useT();
  const id = useId();
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setMessage('');
    setBusy(true);
    const r = await workstationApi['workstation.importReference']({ fileName: file.name.slice(0, 200), content: await file.text() });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setMessage(t('workstation.reference.imported', { entities: r.value.entities, staffLogins: r.value.staffLogins }));
  };

  return (
    <section className="reference-import" aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h2 id={`${id}-title`}>{t('workstation.reference.title')}</h2>
      <p>{t('workstation.reference.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('workstation.reference.file')}</label>
        <input id={`${id}-file`} type="file" accept="application/json,.json" disabled={busy} onChange={(e) => void onFile(e)} />
      </div>
      <ErrorNotice error={error} />
      {message && <p role="status">{message}</p>}
    </section>
  );
}
