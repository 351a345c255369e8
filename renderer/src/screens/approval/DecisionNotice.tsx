import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { approvalContract } from '../../../../api/contracts/approval-contract';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { formatMacauDateTime } from './format-time';

type LastDecision = z.output<(typeof approvalContract)['approval.lastDecision']['output']>;

/** For the clerk's form: why the application was rejected or returned, and by whom. */
export function DecisionNotice({ id, status }: { id: string; status: string }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [d, setD] = useState<LastDecision>(null);
  useEffect(() => {
    let live = true;
    void sessionApi['approval.lastDecision']({ id }).then((r) => live && r.ok && setD(r.value));
    return () => {
      live = false;
    };
  }, [id, status]);
  if (!d) return null;
  const at = formatMacauDateTime(locale, d.at);
  const text =
    d.status === 'approved'
      ? t('approval.notice.approved', { actor: d.actorName, at })
      : d.status === 'rejected'
        ? t('approval.notice.rejected', {
            actor: d.actorName,
            at,
            reason: d.reasonCode ? t(`approval.reason.${d.reasonCode}`) : '',
            text: d.text ? ` — ${d.text}` : '',
          })
        : t('approval.notice.returned', { actor: d.actorName, at, text: d.text ?? '' });
  return (
    <div role="status" className={`notice decision-notice decision-${d.status}`}>
      {text}
    </div>
  );
}
