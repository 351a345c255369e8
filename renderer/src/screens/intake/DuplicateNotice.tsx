import { useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { useIntakeStore } from '../../state/intake-store';
import { DiscardDraft } from './DiscardDraft';
import { intakeApi, type Duplicate } from './intake-api';

/**
 * FAQ 8: one entity, one account. A first application for an entity that already has an
 * account, or has another application pending, is blocked; the way forward is a change of
 * data for that entity, or throwing this draft away (no dead end).
 */
export function DuplicateNotice({ duplicates }: { duplicates: Duplicate[] }) {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const adopt = useIntakeStore((s) => s.adopt);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  if (duplicates.length === 0) return null;

  async function startChange(entityNumber: string) {
    setBusy(true);
    const r = await intakeApi['intake.create']({ kind: 'change_of_data', entityNumber });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    adopt(r.value);
    navigate({ screen: 'intake', id: r.value.id });
  }

  return (
    <div className="notice notice-error duplicate-notice" role="alert" data-testid="duplicate-notice">
      <p className="duplicate-title">{t('intake.duplicate.title')}</p>
      <ul>
        {duplicates.map((d, i) => (
          <li key={i}>
            {d.source === 'reference'
              ? t('intake.duplicate.reference', { entityNumber: d.entityNumber ?? '—', names: d.names.join(' / ') || '—' })
              : t('intake.duplicate.local', { number: d.applicationNumber ?? '—', names: d.names.join(' / ') || '—' })}
            {d.entityNumber ? (
              <>
                {' '}
                <button type="button" disabled={busy} onClick={() => void startChange(d.entityNumber ?? '')}>
                  {t('intake.duplicate.startChange', { entityNumber: d.entityNumber })}
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {/* The other way out of the FAQ 8 dead end: the form was started by mistake. */}
      <DiscardDraft />
      <ErrorNotice error={error} />
    </div>
  );
}
