import { useEffect, useState } from 'react';
import type { EnablementRecord } from '../../../../api/contracts/security-code-contract';
import { useT } from '../../i18n/locale-store';
import { EnablementLines } from './EnablementLines';
import { securityCodeApi } from './security-code-api';
import { usePollWhile } from './use-poll-while';
import './security-code.css';

/**
 * The work list's part for e-ID tools (issue 16): today's enablements at this workstation with
 * their state. While one is queued it asks again, so the central server's answer appears
 * without a reload. Shows nothing on a day without enablements.
 */
export function TodayEnablements() {
  const t = useT();
  const [records, setRecords] = useState<EnablementRecord[]>([]);

  const load = () =>
    void securityCodeApi['enablements.today']({}).then((r) => {
      // A clerk without the role, or the core busy: the work list carries on without this part.
      if (r.ok) setRecords(r.value.records);
    });
  useEffect(load, []);
  usePollWhile(
    records.some((r) => r.state === 'queued'),
    load,
  );

  if (records.length === 0) return null;
  return (
    <section className="sc-today" aria-labelledby="sc-today-title">
      <h2 id="sc-today-title">{t('scui.today.title')}</h2>
      <EnablementLines records={records} labelledBy="sc-today-title" />
    </section>
  );
}
