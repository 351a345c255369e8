import { useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { CHANGE_TYPES, type ApplicationKind, type ChangeType } from '../../../../domain/model/codes';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useShortcuts } from '../../components/use-shortcuts';
import { useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { useIntakeStore } from '../../state/intake-store';
import { EntityLookup } from './EntityLookup';
import { intakeApi } from './intake-api';
import './intake.css';

// The security code and face recognition flows get their own screens (issue 5, item 1).
const KINDS: readonly ApplicationKind[] = ['first_application', 'change_of_data'];

/** Step 1: what the paper in front of the clerk is, and for a change, which entity. */
export function IntakeStart() {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const adopt = useIntakeStore((s) => s.adopt);
  const update = useIntakeStore((s) => s.update);
  const [kind, setKind] = useState<ApplicationKind>('first_application');
  const [changes, setChanges] = useState<ChangeType[]>([]);
  const [entityNumber, setEntityNumber] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  useShortcuts([{ keys: 'Escape', run: () => navigate({ screen: 'worklist' }) }]);

  async function start() {
    if (kind === 'change_of_data' && !entityNumber) return setMissing(true);
    setBusy(true);
    const r = await intakeApi['intake.create'](kind === 'change_of_data' && entityNumber ? { kind, entityNumber } : { kind });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    adopt(r.value);
    if (kind === 'change_of_data' && changes.length > 0) update((a) => void (a.change.changes = CHANGE_TYPES.filter((c) => changes.includes(c))));
    navigate({ screen: 'intake', id: r.value.id });
  }

  return (
    <section className="intake-start" aria-labelledby="start-title">
      <h1 id="start-title" tabIndex={-1}>
        {t('intake.start.title')}
      </h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset>
          <legend>{t('intake.start.kind')}</legend>
          {KINDS.map((k) => (
            <label key={k} className="check">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`kind.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind === 'change_of_data' ? (
          <>
            <fieldset>
              <legend>{t('intake.section.changes')}</legend>
              {CHANGE_TYPES.map((c) => (
                <label key={c} className="check">
                  <input
                    type="checkbox"
                    checked={changes.includes(c)}
                    onChange={(e) => setChanges((list) => (e.target.checked ? [...list, c] : list.filter((x) => x !== c)))}
                  />{' '}
                  {t(`intake.change.${c}`)}
                </label>
              ))}
            </fieldset>
            <EntityLookup
              selected={entityNumber}
              onSelect={(n) => {
                setEntityNumber(n);
                setMissing(false);
              }}
            />
            {missing ? (
              <p className="field-error" role="alert">
                {t('intake.start.chooseEntity')}
              </p>
            ) : null}
          </>
        ) : null}
        <ErrorNotice error={error} />
        <fieldset>
          <legend>{t('scui.offer.legend')}</legend>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => navigate({ screen: 'securityCode' })}>
              {t('scui.sc.title')}
            </button>
            <button type="button" className="secondary" onClick={() => navigate({ screen: 'faceRecognition' })}>
              {t('scui.fr.title')}
            </button>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('intake.start.go')}
          </button>
          <button type="button" className="secondary" onClick={() => navigate({ screen: 'worklist' })}>
            {t('intake.back')}
          </button>
        </div>
      </form>
    </section>
  );
}
