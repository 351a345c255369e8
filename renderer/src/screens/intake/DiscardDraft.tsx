import { useId, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { useIntakeStore } from '../../state/intake-store';
import { intakeApi } from './intake-api';

/**
 * Issue 5 "no dead ends": a draft blocked by FAQ 8 or started by mistake can be thrown away.
 * Two presses (the second on a button that takes focus) so a stray Enter never loses a form;
 * the core refuses anything but a never-submitted draft of the clerk's own.
 */
export function DiscardDraft() {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const record = useIntakeStore((s) => s.record);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const confirmId = useId();
  const askRef = useRef<HTMLButtonElement | null>(null);
  if (!record || record.status !== 'draft') return null;

  async function discard() {
    setBusy(true);
    const store = useIntakeStore.getState();
    // Whatever is being typed is thrown away too, but a save already on its way moves the
    // revision: wait for it so the discard is not refused as stale.
    await store.flush();
    const current = useIntakeStore.getState().record;
    if (!current) return setBusy(false);
    const r = await intakeApi['intake.discard']({ id: current.id, expectedRevision: current.revision });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      setAsking(false);
      if (r.error.code === 'conflict') void useIntakeStore.getState().refresh();
      return;
    }
    useIntakeStore.getState().reset();
    navigate({ screen: 'worklist' });
  }

  return (
    <div className="discard-draft">
      {asking ? (
        <div role="group" aria-labelledby={confirmId} className="discard-confirm">
          <span id={confirmId}>{t('intake.discard.confirm')}</span>{' '}
          <button type="button" className="danger" data-testid="discard-confirm" disabled={busy} autoFocus onClick={() => void discard()}>
            {t('intake.discard.yes')}
          </button>{' '}
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => {
              setAsking(false);
              requestAnimationFrame(() => askRef.current?.focus());
            }}
          >
            {t('intake.discard.no')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="secondary"
          data-testid="discard"
          ref={askRef}
          onClick={() => {
            setError(null);
            setAsking(true);
          }}
        >
          {t('intake.discard')}
        </button>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}
