import { useId, useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import type { Requirement } from '../../../../domain/rules';
import { ErrorNotice } from '../../app/ErrorNotice';
import { now } from '../../clock';
import { useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { useIntakeStore } from '../../state/intake-store';
import { useSessionStore } from '../../state/session-store';
import { DiscardDraft } from './DiscardDraft';
import { intakeApi, type Duplicate } from './intake-api';

/** The FAQ 8 items the clerk settles by comparing: same name only (issue 13, item 7). */
export const sameNameItems = (requirements: readonly Requirement[]): Requirement[] =>
  requirements.filter((r) => r.distinctKey !== undefined && r.status === 'missing');

/** FAQ 8, issue 13 item 9: a colleague's open draft for the same entity, said while typing. */
export const openDraftItems = (requirements: readonly Requirement[]): Requirement[] => requirements.filter((r) => r.id.startsWith('entity.open-draft.'));

/**
 * A same-name entity or application: the clerk compares and records that it is another entity
 * (why; the core stamps who and when), or switches to a change of data for that entity.
 */
function SameName({ r, busy, onStartChange }: { r: Requirement; busy: boolean; onStartChange: (entityNumber: string) => void }) {
  const t = useT();
  const id = useId();
  const update = useIntakeStore((s) => s.update);
  const staffNumber = useSessionStore((s) => s.status?.user?.staffNumber ?? '');
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const params = r.message.params ?? {};
  const entityNumber = r.distinctKey?.startsWith('entity.') ? String(params['entityNumber'] ?? '') : '';
  const subject = entityNumber
    ? t('intake.sameName.entity', { entityNumber, names: String(params['names'] ?? '—') })
    : t('intake.sameName.application', { applicationNumber: String(params['applicationNumber'] ?? '—'), names: String(params['names'] ?? '—') });

  const record = () => {
    if (reason.trim() === '') return setMissingReason(true);
    const key = r.distinctKey ?? '';
    // The core stamps who and when (like a tick); this local stamp only shows it until it answers.
    update((a) => {
      a.distinctEntities = { ...a.distinctEntities, [key]: { reason: reason.trim(), subject, by: staffNumber || '?', at: now().toISOString() } };
    });
  };

  return (
    <li data-same-name={r.distinctKey}>
      <p>{t(r.message.key, r.message.params)}</p>
      <label htmlFor={`${id}-reason`}>{t('intake.sameName.reason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        maxLength={500}
        value={reason}
        aria-invalid={missingReason}
        aria-describedby={missingReason ? `${id}-error` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setMissingReason(false);
        }}
      />
      {missingReason ? (
        <p id={`${id}-error`} className="field-error">
          {t('intake.sameName.reasonRequired')}
        </p>
      ) : null}
      <div className="duplicate-actions">
        <button type="button" onClick={record}>
          {t('intake.sameName.record')}
        </button>
        {entityNumber ? (
          <button type="button" disabled={busy} onClick={() => onStartChange(entityNumber)}>
            {t('intake.duplicate.startChange', { entityNumber })}
          </button>
        ) : null}
      </div>
    </li>
  );
}

/**
 * FAQ 8: one entity, one account. A first application whose taxpayer or registration number is
 * that of an entity with an account, or of another application pending, is blocked; the way
 * forward is a change of data for that entity, or throwing this draft away (no dead end). A
 * name alone is compared and recorded, never a block that cannot be settled.
 */
export function DuplicateNotice({ duplicates }: { duplicates: Duplicate[] }) {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const adopt = useIntakeStore((s) => s.adopt);
  const record = useIntakeStore((s) => s.record);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const editableFirst = record !== null && record.kind === 'first_application' && !record.readOnly;
  const sameName = editableFirst ? sameNameItems(record.assessment.requirements) : [];
  const openDrafts = editableFirst ? openDraftItems(record.assessment.requirements) : [];
  if (duplicates.length === 0 && sameName.length === 0 && openDrafts.length === 0) return null;

  async function startChange(entityNumber: string) {
    setBusy(true);
    const r = await intakeApi['intake.create']({ kind: 'change_of_data', entityNumber });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    adopt(r.value);
    navigate({ screen: 'intake', id: r.value.id });
  }

  return (
    <>
      {duplicates.length > 0 ? (
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
        </div>
      ) : null}
      {sameName.length > 0 ? (
        <section className="notice same-name-notice" aria-labelledby="same-name-title" data-testid="same-name-notice">
          <p className="duplicate-title" id="same-name-title">
            {t('intake.sameName.title')}
          </p>
          <ul>
            {sameName.map((r) => (
              <SameName key={r.id} r={r} busy={busy} onStartChange={(n) => void startChange(n)} />
            ))}
          </ul>
        </section>
      ) : null}
      {openDrafts.length > 0 ? (
        <div className="notice open-draft-notice" role="status" data-testid="open-draft-notice">
          <p className="duplicate-title">{t('intake.otherDraft.title')}</p>
          <ul>
            {openDrafts.map((r) => (
              <li key={r.id}>{t(r.message.key, r.message.params)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorNotice error={error} />
    </>
  );
}
