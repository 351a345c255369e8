import { useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';

/** For the clerk's form (draft or returned): sends it to the supervisor's queue through the workflow. */
export function SubmitForApproval({ id, onSubmitted }: { id: string; onSubmitted: (status: string) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const submit = async () => {
    setBusy(true);
    const r = await sessionApi['approval.submit']({ id });
    setBusy(false);
    if (r.ok) {
      setError(null);
      onSubmitted(r.value.status);
    } else setError(r.error);
  };
  return (
    <>
      <button type="button" className="submit-for-approval" disabled={busy} onClick={() => void submit()}>
        {t('approval.submit')}
      </button>
      <ErrorNotice error={error} />
    </>
  );
}
