import { useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { useSessionStore } from '../../state/session-store';
import { EnrolmentPanel } from '../settings/EnrolmentPanel';

/**
 * The first-run step after the administrator is set up (issue 15): enrol this workstation with
 * the central server, or keep it standalone (users made here; Settings can enrol later).
 */
export function FirstRunEnrolment() {
  const t = useT();
  const refresh = useSessionStore((s) => s.refresh);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const standalone = async () => {
    const r = await sessionApi['auth.stayStandalone']({});
    if (!r.ok) return setError(r.error);
    await refresh();
  };
  return (
    <section className="auth-panel first-run-enrolment" aria-labelledby="first-run-enrolment-title">
      <h1 id="first-run-enrolment-title" tabIndex={-1}>
        {t('firstRun.title')}
      </h1>
      <EnrolmentPanel titled={false} onEnrolled={() => void refresh()} />
      <h2>{t('firstRun.standalone')}</h2>
      <p>{t('firstRun.standaloneNote')}</p>
      <ErrorNotice error={error} />
      <button type="button" onClick={() => void standalone()}>
        {t('firstRun.standalone')}
      </button>
    </section>
  );
}
