import { useEffect, useId, useState } from 'react';
import type { HistoryEntry } from '../../../../api/contracts/history-contract';
import type { ApiErrorBody, ApiResult } from '../../../../api/result';
import { isMessageKey } from '../../../../i18n';
import { api } from '../../api/transport';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useLocaleStore, useT, type TranslateFn } from '../../i18n/locale-store';
import { formatMacauDateTime } from '../approval/format-time';
import './history.css';

export type LoadHistory = (id: string) => Promise<ApiResult<{ entries: HistoryEntry[] }>>;

const loadFromApi: LoadHistory = (id) => api['applications.history']({ id });

/** "What" in the clerk's language: the action, what the core summarised, and how many saves. */
export function describeEntry(t: TranslateFn, e: HistoryEntry): string {
  const actionKey = `history.action.${e.action}`;
  const parts = [isMessageKey(actionKey) ? t(actionKey) : t('history.action.other', { action: e.action })];
  if (e.summary) {
    const params = { ...e.summary.params };
    // A `doc` parameter names a document by its own message key (see history-contract.ts).
    const doc = params['doc'];
    if (typeof doc === 'string' && isMessageKey(doc)) params['doc'] = t(doc);
    parts.push(t(e.summary.key, params));
  }
  if (e.count > 1) parts.push(t('history.editCount', { count: e.count }));
  return parts.join(' · ');
}

/**
 * An application's history (issue 4 item 5) behind a disclosure button: loaded when opened
 * (it is seldom needed and the list grows with every save), and again when `version` changes
 * while open, so a save or decision made meanwhile shows up.
 */
export function HistoryPanel({ applicationId, version, load = loadFromApi }: { applicationId: string; version?: string | number; load?: LoadHistory }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void load(applicationId).then((r) => {
      if (!live) return;
      if (r.ok) {
        setEntries(r.value.entries);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [open, applicationId, version, load]);

  return (
    <section className="history" aria-label={t('history.title')}>
      <button type="button" className="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {t(open ? 'history.hide' : 'history.show')}
      </button>
      <div id={panelId} hidden={!open}>
        {open ? (
          <>
            <ErrorNotice error={error} />
            {entries === null ? (
              error ? null : (
                <p role="status">{t('history.loading')}</p>
              )
            ) : entries.length === 0 ? (
              <p>{t('history.empty')}</p>
            ) : (
              <table className="history-table">
                <caption>{t('history.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('history.col.when')}</th>
                    <th scope="col">{t('history.col.who')}</th>
                    <th scope="col">{t('history.col.workstation')}</th>
                    <th scope="col">{t('history.col.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e, i) => (
                    <tr key={`${e.at}-${i}`}>
                      <td>
                        <time dateTime={e.at}>{formatMacauDateTime(locale, e.at)}</time>
                      </td>
                      <td>{e.actorName}</td>
                      <td>{e.workstationId}</td>
                      <td>{describeEntry(t, e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}
