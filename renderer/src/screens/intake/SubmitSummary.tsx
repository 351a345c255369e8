import { useEffect, useRef } from 'react';
import type { Application } from '../../../../domain/model/application';
import type { Assessment } from '../../../../domain/rules';
import { useT } from '../../i18n/locale-store';
import { slotLabel } from '../approval/slot-label';

/**
 * The last step before an irreversible submission (issue 13 item 13): what is about to be sent
 * and the warnings it goes with, and a confirmation of its own. Focus starts on the heading,
 * not on the button, and Ctrl+Enter does nothing here: the key that walks the clerk through
 * the blocking items can never submit by itself.
 */
export function SubmitSummary({
  app,
  assessment,
  busy,
  onConfirm,
  onCancel,
}: {
  app: Application;
  assessment: Assessment;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const names = [app.entity.names.zh, app.entity.names.pt, app.entity.names.en].filter((n): n is string => !!n?.trim());
  const entityNumber = app.entity.entityNumber ?? app.securityCode.entityNumber ?? app.faceRecognition.entityNumber;
  const documents = Object.entries(app.documents).filter(([, d]) => d.sighting !== 'none' || d.attachments.length > 0);
  const warnings = assessment.requirements.filter((r) => r.status === 'missing' && !r.blocking);
  return (
    <div className="lock-overlay">
      <div className="auth-panel submit-summary" role="dialog" aria-modal="true" aria-labelledby="submit-summary-title" data-testid="submit-summary">
        <h2 id="submit-summary-title" tabIndex={-1} ref={heading}>
          {t('intake.confirm.title')}
        </h2>
        <p>
          <strong>{t('intake.confirm.irreversible')}</strong>
        </p>
        <dl>
          <dt>{t('intake.start.kind')}</dt>
          <dd>{t(`kind.${app.kind}`)}</dd>
          {names.length > 0 ? (
            <>
              <dt>{t('intake.section.entity')}</dt>
              <dd>{names.join(' / ')}</dd>
            </>
          ) : null}
          {app.kind !== 'first_application' && entityNumber ? (
            <>
              <dt>{t('intake.entity.entityNumber')}</dt>
              <dd>{entityNumber}</dd>
            </>
          ) : null}
        </dl>
        <h3>{t('intake.confirm.documents')}</h3>
        {documents.length === 0 ? (
          <p>{t('approval.data.noDocuments')}</p>
        ) : (
          <ul>
            {documents.map(([slot, d]) => (
              <li key={slot}>
                {slotLabel(t, slot, app)}: {t(`intake.sighting.${d.sighting}`)} · {t('approval.review.scanCount', { count: d.attachments.length })}
              </li>
            ))}
          </ul>
        )}
        {warnings.length > 0 ? (
          <>
            <h3>{t('intake.confirm.warnings', { count: warnings.length })}</h3>
            <ul>
              {warnings.map((r) => (
                <li key={r.id}>{t(r.message.key, r.message.params)}</li>
              ))}
            </ul>
          </>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onConfirm} disabled={busy} data-testid="confirm-submit">
            {t('intake.confirm.submit')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('intake.confirm.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
