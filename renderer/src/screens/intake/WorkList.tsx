import { useEffect, useId, useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../../domain/model/codes';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { formatMacauDateTime } from '../approval/format-time';
import type { syncContract } from '../../../../api/contracts/sync-contract';
import type { Output } from '../../../../api/contract';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';
import { intakeApi, type IntakeSummary } from './intake-api';
import { TodayEnablements } from '../security-code/TodayEnablements';
import './intake.css';
import { sayMessage } from '../../i18n/localised-message';

const SEARCH_DELAY_MS = 250;
/** A decision taken at another workstation reaches this list within seconds (pull long-poll, then this refresh). */
const REFRESH_MS = 2_000;

const syncApi: AreaClient<typeof syncContract> = api;
type SyncItem = Output<'sync.details'>['refused'][number];

/** Today's applications at this workstation (issue 5, item 7); Alt+N starts a new one. */
export function WorkList() {
  const t = useT();
  const id = useId();
  const locale = useLocaleStore((s) => s.locale);
  const navigate = useAppStore((s) => s.navigate);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const [rows, setRows] = useState<IntakeSummary[] | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [tick, setTick] = useState(0);
  // What the central system refused or holds otherwise, by application (FAQ 8 across counters).
  const [syncIssues, setSyncIssues] = useState<Map<string, { conflict: boolean; item: SyncItem }>>(new Map());

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    let live = true;
    void syncApi['sync.details']({}).then((r) => {
      if (!live || !r.ok) return;
      const m = new Map<string, { conflict: boolean; item: SyncItem }>();
      for (const item of r.value.refused) if (item.kind !== 'application.decide') m.set(item.applicationId, { conflict: false, item });
      for (const item of r.value.conflicts) if (item.kind !== 'application.decide') m.set(item.applicationId, { conflict: true, item });
      setSyncIssues(m);
    });
    return () => {
      live = false;
    };
  }, [tick]);

  useEffect(() => {
    let live = true;
    const q = query.trim().slice(0, 100);
    const timer = setTimeout(
      () => {
        void intakeApi['intake.list']({ ...(q ? { query: q } : {}), ...(status ? { statuses: [status] } : {}), limit: 200 }).then((r) => {
          if (!live) return;
          if (r.ok) {
            setRows(r.value);
            setError(null);
          } else setError(r.error);
        });
      },
      q ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, status, tick]);

  const filtered = query.trim() !== '' || status !== '';
  return (
    <section aria-labelledby="worklist-title">
      <h1 id="worklist-title" tabIndex={-1}>
        {t('worklist.title')}
      </h1>
      <form
        className="new-application"
        onSubmit={(e) => {
          e.preventDefault();
          navigate({ screen: 'intakeStart' });
        }}
      >
        <button type="submit" aria-keyshortcuts="Alt+N">
          {t('worklist.new')} <kbd>Alt+N</kbd>
        </button>
      </form>
      <div className="worklist-filters" role="search" aria-label={t('intake.list.filters')}>
        <TextField label={t('intake.list.search')} hint={t('intake.list.searchHint')} type="search" value={query} maxLength={100} onChange={setQuery} />
        <div className="field">
          <label htmlFor={`${id}-status`}>{t('intake.list.status')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as ApplicationStatus | '')}>
            <option value="">{t('intake.list.allStatuses')}</option>
            {/* Discarded drafts are never listed (intake.list leaves them out): no filter for them. */}
            {APPLICATION_STATUSES.filter((s) => s !== 'discarded').map((s) => (
              <option key={s} value={s}>
                {t(`status.app.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNotice error={error} />
      {rows === null ? null : rows.length === 0 ? (
        <p role="status">{filtered ? t('intake.list.noMatch') : t('worklist.empty')}</p>
      ) : (
        <table className="worklist">
          <caption className="visually-hidden">{t('worklist.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('worklist.col.entity')}</th>
              <th scope="col">{t('intake.list.number')}</th>
              <th scope="col">{t('draft.kind')}</th>
              <th scope="col">{t('worklist.col.status')}</th>
              <th scope="col">{t('worklist.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id} data-status={a.status}>
                <td>
                  <button type="button" className="link-button" onClick={() => navigate({ screen: 'intake', id: a.id })}>
                    {a.entityNames.filter(Boolean).join(' / ') || t('worklist.unnamed')}
                  </button>
                </td>
                <td className="mono">{a.applicationNumber ?? '—'}</td>
                <td>{t(`kind.${a.kind}`)}</td>
                <td>
                  {t(`status.app.${a.status}`)}
                  {a.synced ? ` · ${t('intake.list.synced')}` : ''}
                  {syncIssues.has(a.id) ? <SyncIssue issue={syncIssues.get(a.id)!} /> : null}
                </td>
                <td>
                  <time dateTime={a.updatedAt}>{formatMacauDateTime(locale, a.updatedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TodayEnablements />
    </section>
  );
}

/** Why the central system did not take this application (e.g. FAQ 8: the other application's number), in the clerk's language. */
function SyncIssue({ issue }: { issue: { conflict: boolean; item: SyncItem } }) {
  const t = useT();
  const r = issue.item.reason;
  const message = sayMessage(t, r);
  return (
    <span className="sync-issue" data-testid="worklist-sync-issue">
      {' · '}
      {t(issue.conflict ? 'sync.worklist.conflict' : 'sync.worklist.refused', { message })}
    </span>
  );
}
