import { useEffect } from 'react';
import { APPLICATION_KINDS, type ApplicationKind } from '../../../../domain/model/codes';
import { api } from '../../api/transport';
import { useAppStore } from '../../state/app-store';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';

const timeFormat = (locale: string) =>
  new Intl.DateTimeFormat(locale === 'zh-Hant' ? 'zh-Hant-MO' : locale === 'pt' ? 'pt-PT' : 'en-GB', {
    timeZone: 'Asia/Macau',
    dateStyle: 'short',
    timeStyle: 'short',
  });

export function WorkList() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { applications, listError, loadApplications, navigate } = useAppStore();
  const [kind, setKind] = useState<ApplicationKind>('first_application');
  const [createError, setCreateError] = useState<ApiErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadApplications();
  }, [loadApplications]);

  async function createDraft() {
    setBusy(true);
    const r = await api['drafts.create']({ kind, entity: { type: null, nameZh: '', namePt: '' } });
    setBusy(false);
    if (!r.ok) return setCreateError(r.error);
    navigate({ screen: 'draft', id: r.value.id });
  }

  const fmt = timeFormat(locale);
  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title">{t('worklist.title')}</h1>
      <form
        className="new-application"
        onSubmit={(e) => {
          e.preventDefault();
          void createDraft();
        }}
      >
        <label>
          {t('draft.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ApplicationKind)}>
            {APPLICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={busy} aria-keyshortcuts="Alt+N">
          {t('worklist.new')}
        </button>
      </form>
      <ErrorNotice error={createError ?? listError} />
      {applications.length === 0 ? (
        <p>{t('worklist.empty')}</p>
      ) : (
        <table className="worklist">
          <caption className="visually-hidden">{t('worklist.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('worklist.col.entity')}</th>
              <th scope="col">{t('draft.kind')}</th>
              <th scope="col">{t('worklist.col.status')}</th>
              <th scope="col">{t('worklist.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id}>
                <td>
                  <button type="button" className="link-button" onClick={() => navigate({ screen: 'draft', id: a.id })}>
                    {a.entityNames.filter(Boolean).join(' / ') || t('worklist.unnamed')}
                  </button>
                </td>
                <td>{t(`kind.${a.kind}`)}</td>
                <td>{t(`status.app.${a.status}`)}</td>
                <td>{fmt.format(new Date(a.updatedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
