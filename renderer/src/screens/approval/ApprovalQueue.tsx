import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../../../api/result';
import type { QueueItemSchema } from '../../../../api/contracts/approval-contract';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { isSupervisor, useSessionStore } from '../../state/session-store';
import { BulkApproveDialog } from './BulkApproveDialog';
import { formatAge } from './format-age';
import type { syncContract } from '../../../../api/contracts/sync-contract';
import type { Output } from '../../../../api/contract';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';
import { sayMessage } from '../../i18n/localised-message';

type QueueItem = z.output<typeof QueueItemSchema>;
type SyncItem = Output<'sync.details'>['refused'][number];
const syncApi: AreaClient<typeof syncContract> = api;
/** Applications taken in at other workstations arrive by sync: the queue looks again this often. */
const REFRESH_MS = 5_000;

/** Pending applications of the service point, oldest first, with how long each has waited. */
export function ApprovalQueue({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const status = useSessionStore((s) => s.status);
  const noticeAuthError = useSessionStore((s) => s.noticeAuthError);
  const [items, setItems] = useState<QueueItem[]>([]);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState(false);
  // What the central system refused: a submission (FAQ 8 across counters) or one of this supervisor's decisions.
  const [refusedSubmissions, setRefusedSubmissions] = useState<Map<string, SyncItem>>(new Map());
  const [decisionsNotApplied, setDecisionsNotApplied] = useState<SyncItem[]>([]);
  const canDecide = isSupervisor(status);

  const load = useCallback(async () => {
    const r = await sessionApi['approval.queue']({});
    if (r.ok) {
      setItems(r.value);
      setError(null);
      setSelected((s) => new Set([...s].filter((id) => r.value.some((i) => i.id === id && !i.handledByMe))));
    } else {
      setError(r.error);
      noticeAuthError(r.error);
    }
    const d = await syncApi['sync.details']({});
    if (d.ok) {
      setRefusedSubmissions(new Map(d.value.refused.filter((x) => x.kind !== 'application.decide').map((x) => [x.applicationId, x])));
      setDecisionsNotApplied([...d.value.refused, ...d.value.conflicts].filter((x) => x.kind === 'application.decide'));
    }
  }, [noticeAuthError]);
  const reasonText = (x: SyncItem) => sayMessage(t, x.reason);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <section className="approval-queue" aria-labelledby="queue-title">
      <h1 id="queue-title" tabIndex={-1}>
        {t('approval.queue.title')}
      </h1>
      <ErrorNotice error={error} />
      {decisionsNotApplied.length > 0 ? (
        <section className="notice" aria-labelledby="queue-not-applied" data-testid="decisions-not-applied">
          <h2 id="queue-not-applied">{t('sync.queue.decisionsNotApplied')}</h2>
          <ul>
            {decisionsNotApplied.map((x) => (
              <li key={`${x.applicationId}-${x.since}`}>
                {x.applicationNumber ?? x.applicationId}
                {x.entityName ? ` · ${x.entityName}` : ''} · {reasonText(x)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length === 0 ? (
        <p>{t('approval.queue.empty')}</p>
      ) : (
        <table className="worklist">
          <thead>
            <tr>
              {canDecide ? (
                <th scope="col">
                  <span className="visually-hidden">{t('approval.queue.select')}</span>
                </th>
              ) : null}
              <th scope="col">{t('approval.queue.col.waiting')}</th>
              <th scope="col">{t('approval.queue.col.application')}</th>
              <th scope="col">{t('approval.queue.col.kind')}</th>
              <th scope="col">{t('approval.queue.col.submittedBy')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('approval.queue.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} data-application-id={i.id}>
                {canDecide ? (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${t('approval.queue.select')}: ${i.entityNames.join(' / ') || i.id}`}
                      disabled={i.handledByMe}
                      checked={selected.has(i.id)}
                      onChange={() => toggle(i.id)}
                    />
                  </td>
                ) : null}
                <td>{t('approval.queue.age', { age: formatAge(t, i.ageMinutes) })}</td>
                <td>
                  {i.applicationNumber ? `${i.applicationNumber} · ` : ''}
                  {i.entityNames.join(' / ')}
                  {i.resubmitted ? <span className="badge-resubmitted"> ({t('approval.queue.resubmitted')})</span> : null}
                  {i.handledByMe ? <span className="badge-own"> ({t('approval.queue.ownBadge')})</span> : null}
                  {refusedSubmissions.has(i.id) ? (
                    <span className="badge-refused" data-testid="queue-sync-refused">
                      {' '}
                      ({t('sync.queue.refused')}: {reasonText(refusedSubmissions.get(i.id)!)})
                    </span>
                  ) : null}
                </td>
                <td>{t(`kind.${i.kind}`)}</td>
                <td>{i.submittedByName}</td>
                <td>
                  <button type="button" onClick={() => onOpen(i.id)}>
                    {t('approval.queue.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canDecide && selected.size > 0 ? (
        <button type="button" className="bulk-approve" onClick={() => setBulkOpen(true)}>
          {t('approval.bulk.submit')} ({selected.size})
        </button>
      ) : null}
      {bulkOpen ? (
        <BulkApproveDialog
          ids={[...selected]}
          labels={Object.fromEntries(items.map((i) => [i.id, i.entityNames.join(' / ') || i.applicationNumber || i.id]))}
          onClose={(changed) => {
            setBulkOpen(false);
            if (changed) {
              setSelected(new Set());
              void load();
            }
          }}
        />
      ) : null}
    </section>
  );
}
