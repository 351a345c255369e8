import { useRef, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { isMessageKey, type Locale } from '../../../../i18n';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { formatMacauDateTime } from '../approval/format-time';
import { enquiryApi, type EnquiryAnswer, type EnquiryResult } from './enquiry-api';
import './enquiry.css';

/** The entity's names, the screen's language first. */
function namesOf(r: EnquiryResult, locale: Locale): string {
  const order: (keyof EnquiryResult['entityNames'])[] = locale === 'zh-Hant' ? ['zh', 'pt', 'en'] : locale === 'pt' ? ['pt', 'zh', 'en'] : ['en', 'pt', 'zh'];
  return order
    .map((k) => r.entityNames[k])
    .filter((n): n is string => Boolean(n))
    .join(' / ');
}

/**
 * The public enquiry at any counter (issue 15): a person asks about an application taken in at
 * any counter of this service point. Read-only; the core decides who may ask and records it.
 */
export function EnquiryScreen() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [query, setQuery] = useState('');
  const [asked, setAsked] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<EnquiryAnswer | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const historyHeading = useRef<HTMLHeadingElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (q === '' || busy) return;
    setBusy(true);
    setError(null);
    setOpen(null);
    const r = await enquiryApi['enquiry.find']({ query: q });
    setBusy(false);
    setAsked(q);
    if (r.ok) setAnswer(r.value);
    else {
      setAnswer(null);
      setError(r.error);
    }
  };

  const show = (recordId: string) => {
    setOpen(recordId);
    // The history appears below the table: take the keyboard there.
    requestAnimationFrame(() => historyHeading.current?.focus());
  };

  const opened = answer?.results.find((r) => r.recordId === open) ?? null;
  const at = (iso: string) => formatMacauDateTime(locale, iso);

  return (
    <div className="enquiry">
      <h1 tabIndex={-1}>{t('enquiry.title')}</h1>
      <p>{t('enquiry.intro')}</p>
      <form role="search" onSubmit={(e) => void submit(e)} aria-busy={busy}>
        <TextField label={t('enquiry.query')} value={query} onChange={setQuery} autoComplete="off" spellCheck={false} maxLength={100} autoFocus />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? t('enquiry.searching') : t('enquiry.search')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      <div role="status" aria-live="polite" className="enquiry-status">
        {busy && <p>{t('enquiry.searching')}</p>}
        {!busy && answer && (
          <>
            {answer.tooShort ? (
              <p>{t('enquiry.tooShort')}</p>
            ) : (
              <>
                <p className="enquiry-source">
                  {answer.source === 'server'
                    ? t('enquiry.source.server', { at: answer.asOf ? at(answer.asOf) : '' })
                    : answer.asOf
                      ? t('enquiry.source.workstation', { at: at(answer.asOf) })
                      : t('enquiry.source.workstationNever')}
                </p>
                {answer.serverUnavailable && <p className="notice">{t(`enquiry.unavailable.${answer.serverUnavailable}`)}</p>}
                <p>{answer.results.length === 0 ? t('enquiry.none', { query: asked }) : t('enquiry.count', { count: answer.results.length })}</p>
                {answer.more && <p>{t('enquiry.more')}</p>}
              </>
            )}
          </>
        )}
      </div>
      {answer && answer.results.length > 0 && (
        <table className="enquiry-results">
          <caption>{t('enquiry.results')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('enquiry.col.number')}</th>
              <th scope="col">{t('enquiry.col.entity')}</th>
              <th scope="col">{t('enquiry.col.status')}</th>
              <th scope="col">{t('enquiry.col.updated')}</th>
              <th scope="col">{t('enquiry.col.matched')}</th>
            </tr>
          </thead>
          <tbody>
            {answer.results.map((r) => (
              <tr key={r.recordId} className={open === r.recordId ? 'enquiry-open' : undefined}>
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('enquiry.open', { number: r.applicationNumber })}
                    onClick={() => show(r.recordId)}
                  >
                    {r.applicationNumber}
                  </button>
                </th>
                <td>{namesOf(r, locale)}</td>
                <td>{t(`status.app.${r.status}`)}</td>
                <td>{r.updatedAt ? at(r.updatedAt) : ''}</td>
                <td>{r.matchedOn.map((m) => t(`enquiry.matched.${m}`)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opened && (
        <section className="enquiry-history" aria-labelledby="enquiry-history-title">
          <h2 id="enquiry-history-title" ref={historyHeading} tabIndex={-1}>
            {t('enquiry.history.title', { number: opened.applicationNumber })}
          </h2>
          <p>{t('enquiry.history.takenIn', { workstation: opened.workstationId })}</p>
          {opened.history.length === 0 ? (
            <p>{t('enquiry.history.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('enquiry.history.col.at')}</th>
                  <th scope="col">{t('enquiry.history.col.status')}</th>
                  <th scope="col">{t('enquiry.history.col.by')}</th>
                  <th scope="col">{t('enquiry.history.col.workstation')}</th>
                  <th scope="col">{t('enquiry.history.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {opened.history.map((h, i) => {
                  const reason = h.reasonCode ? `approval.reason.${h.reasonCode}` : '';
                  return (
                    <tr key={i}>
                      <td>{at(h.at)}</td>
                      <td>{t(`status.app.${h.status}`)}</td>
                      <td>{h.actorName}</td>
                      <td>{h.workstationId}</td>
                      <td>{reason && isMessageKey(reason) ? t(reason) : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
