import type { MessageKey } from '../../../../i18n';
import { isMessageKey } from '../../../../i18n';
import type { FaceRecognitionVerdict, SecurityCodeVerdict } from '../../../../api/contracts/security-code-contract';
import { useT } from '../../i18n/locale-store';

/**
 * Every check of a verdict, each with its status and its reason in the clerk's language and
 * where the rule comes from (FAQ 18/19). A failed verdict ends with what to tell the person.
 */
export function VerdictList({ verdict, tool }: { verdict: SecurityCodeVerdict | FaceRecognitionVerdict; tool: 'sc' | 'fr' }) {
  const t = useT();
  const adviceKey = `scui.advice.${verdict.advice}`;
  return (
    <section className="sc-verdict" aria-labelledby="sc-verdict-title">
      <h2 id="sc-verdict-title">{t('scui.verdict.title')}</h2>
      <p role={verdict.ok ? 'status' : 'alert'} className={verdict.ok ? 'sc-ok' : 'sc-refused'}>
        {verdict.ok ? t('scui.verdict.ok') : t('scui.verdict.notOk')} {!verdict.ok && isMessageKey(adviceKey) ? t(adviceKey) : null}
      </p>
      <ul className="sc-checks">
        {verdict.checks.map((c) => {
          const nameKey = `scui.check.${tool}.${c.id}`;
          return (
            <li key={c.id} className={`sc-check sc-${c.status}`} data-check={c.id} data-status={c.status}>
              <span className="sc-check-name">{isMessageKey(nameKey) ? t(nameKey) : c.id}</span>
              <span className="sc-check-status">{t(`scui.status.${c.status}` as MessageKey)}</span>
              <span className="sc-check-reason">{t(c.messageKey as MessageKey, c.params)}</span>
              <span className="sc-check-source">{c.source}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
