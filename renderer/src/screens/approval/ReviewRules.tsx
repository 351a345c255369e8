import { useMemo } from 'react';
import type { Application } from '../../../../domain/model/application';
import { assess, emptyContext, sourceMessage, type Requirement } from '../../../../domain/rules';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { contextDependent } from '../intake/live-assessment';
import { formatDay } from './format-time';

/**
 * The rules' verdict beside the data (issue 13 item 11): warnings such as an expired ID first,
 * in the same words as the clerk's checklist, then what is met. The rules are pure, so the
 * stored form is assessed here as of today (an ID may have expired since the intake); the
 * FAQ 8 items that need the core's reference data are left out, and what the clerk recorded
 * about a same-name entity is shown in the data pane.
 */
export function ReviewRules({ app, today }: { app: Application; today: string }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const requirements = useMemo(
    () => assess(app, emptyContext(today)).requirements.filter((r) => r.status !== 'not_applicable' && !contextDependent(app, r)),
    [app, today],
  );
  const attention = requirements.filter((r) => r.status === 'missing');
  const met = requirements.filter((r) => r.status === 'met');
  const line = (r: Requirement) => {
    const source = sourceMessage(r.source);
    return (
      <>
        <span className="rule-message">{t(r.message.key, r.message.params)}</span> <span className="rule-source">{t(source.key, source.params)}</span>
      </>
    );
  };
  return (
    <section className="review-rules" aria-labelledby="review-rules-title">
      <h2 id="review-rules-title">{t('approval.rules.title')}</h2>
      <p className="hint">{t('approval.rules.asOf', { day: formatDay(locale, today) })}</p>
      {attention.length === 0 ? (
        <p>{t('approval.rules.none')}</p>
      ) : (
        <>
          <h3>{t('approval.rules.attention')}</h3>
          <ul className="review-rules-attention">
            {attention.map((r) => (
              <li key={r.id} data-req={r.id} className={r.blocking ? 'rule-missing' : 'rule-warning'}>
                <strong className="rule-state">{t(r.blocking ? 'intake.check.state.missing' : 'intake.check.state.warning')}</strong> {line(r)}
              </li>
            ))}
          </ul>
        </>
      )}
      {met.length > 0 ? (
        <details className="review-rules-met">
          <summary>{t('approval.rules.met', { count: met.length })}</summary>
          <ul>
            {met.map((r) => (
              <li key={r.id} data-req={r.id}>
                {line(r)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
