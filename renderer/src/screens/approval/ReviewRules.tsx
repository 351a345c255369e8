import type { Assessment, Requirement } from '../../../../domain/rules';
import { sourceMessage } from '../../../../domain/rules';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { formatDay } from './format-time';

/**
 * The rules' verdict beside the data (issue 13 item 11), as the core computed it for this review
 * with its reference data and applications (approval.open): the same results the clerk saw,
 * FAQ 8 (one account per entity) included. Warnings such as an expired ID and anything unmet
 * first, in the checklist's words; then what the clerk recorded (a same-name entity settled as
 * "another entity": who and why); then what is met.
 */
export function ReviewRules({ assessment, assessedOn }: { assessment: Assessment; assessedOn: string }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const requirements = assessment.requirements.filter((r) => r.status !== 'not_applicable');
  const attention = requirements.filter((r) => r.status === 'missing');
  const recorded = requirements.filter((r) => r.status === 'met' && r.distinctKey !== undefined);
  const met = requirements.filter((r) => r.status === 'met' && r.distinctKey === undefined);
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
      <p className="hint">{t('approval.rules.asOf', { day: formatDay(locale, assessedOn) })}</p>
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
      {recorded.length > 0 ? (
        <>
          <h3>{t('approval.rules.recorded')}</h3>
          <ul className="review-rules-recorded">
            {recorded.map((r) => (
              <li key={r.id} data-req={r.id}>
                {line(r)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
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
