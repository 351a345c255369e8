import type { EnablementRecord } from '../../../../api/contracts/security-code-contract';
import type { MessageKey } from '../../../../i18n';
import { useT } from '../../i18n/locale-store';

/**
 * One line per enablement (FAQ 19: one per entity) with its state — queued until the central
 * server answers, then confirmed or refused with the server's reason in the clerk's language.
 * The list is a polite live region: an answer arriving is read out without moving the focus.
 */
export function EnablementLines({ records, labelledBy }: { records: readonly EnablementRecord[]; labelledBy: string }) {
  const t = useT();
  return (
    <ul className="sc-lines" aria-labelledby={labelledBy} aria-live="polite">
      {records.map((r) => (
        <li key={r.id} className={`sc-line sc-line-${r.state}`} data-state={r.state}>
          <span>{t(r.receiptLine.messageKey as MessageKey, r.receiptLine.params)}</span> <strong className="sc-line-state">{t(`scui.state.${r.state}`)}</strong>
          {r.refusal && (
            <span className="sc-line-reason"> {t('scui.refusal.reason', { reason: t(r.refusal.messageKey as MessageKey, r.refusal.params) })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
