import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../../../api/result';
import type { ReviewSchema } from '../../../../api/contracts/approval-contract';
import { SIGHTING_KINDS, type SightingKind } from '../../../../domain/model/codes';
import { REJECTION_REASONS, type Decision, type RejectionReason } from '../../../../domain/workflow/application-workflow';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { sessionApi } from '../../state/session-api';
import { isSupervisor, useSessionStore } from '../../state/session-store';
import { ElevationDialog } from '../auth/ElevationDialog';
import { todayInMacau } from '../intake/live-assessment';
import { checkMessages } from './check-labels';
import { formatMacauDateTime } from './format-time';
import { ReviewData } from './ReviewData';
import { ReviewRules } from './ReviewRules';
import { ChangesSinceReturn } from './ChangesSinceReturn';
import { ScanDownload } from './ScanDownload';
import { ScanViewer } from './ScanViewer';
import { decisionReasonText } from './decision-reason';
import { slotLabel } from './slot-label';
import { ApplicationSchema } from '../../../../domain/model/application';
import { HistoryPanel } from '../history/HistoryPanel';
import { useShortcuts } from '../../components/use-shortcuts';

type Review = z.output<typeof ReviewSchema>;

/** Data beside scans, the checklist with who ticked what, and the decision. */
export function ApprovalReview({ id, onBack, onOpen }: { id: string; onBack: () => void; onOpen: (id: string) => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const status = useSessionStore((s) => s.status);
  const refreshSession = useSessionStore((s) => s.refresh);
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reasonCode, setReasonCode] = useState<RejectionReason | ''>('');
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [elevating, setElevating] = useState(false);
  const [noNext, setNoNext] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  // Esc (outside a field, where it may cancel typing) and Alt+2 go back to the queue (issue 13, item 12).
  useShortcuts([
    { keys: 'Escape', run: onBack, inFields: false },
    { keys: 'Alt+2', run: onBack },
  ]);

  /** The oldest other application this supervisor may decide, or back to the queue when none is left. */
  const openNext = async () => {
    const r = await sessionApi['approval.queue']({});
    const next = r.ok ? r.value.find((i) => i.id !== id && !i.handledByMe) : undefined;
    if (next) onOpen(next.id);
    else setNoNext(true);
  };

  const load = useCallback(async () => {
    const r = await sessionApi['approval.open']({ id });
    if (r.ok) setReview(r.value);
    else setError(r.error);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load, status?.elevation?.user.userId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!decision) return;
    const input =
      decision === 'reject'
        ? { id, decision, ...(reasonCode ? { reasonCode } : {}), text }
        : decision === 'return'
          ? { id, decision, notes: text }
          : { id, decision };
    const r = await sessionApi['approval.decide'](input);
    await refreshSession();
    if (r.ok) {
      setDone(r.value.status);
      setError(null);
      setDecision(null);
      void load();
    } else setError(r.error);
  };

  // After a decision the focus goes to its outcome (with "next application" beside it), after a
  // refusal to the message: never left on <body> when the form it was in disappears.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  // Slot names as the receipt prints them; a record that does not parse keeps the raw ids.
  const parsedApp = useMemo(() => (review ? ApplicationSchema.safeParse(review.data) : null), [review]);
  const labelOf = useCallback((slot: string) => (parsedApp?.success ? slotLabel(t, slot, parsedApp.data) : slot), [parsedApp, t]);
  const checkLabels = useMemo(() => checkMessages(review?.data, todayInMacau()), [review]);
  const checkLabel = (item: string) => {
    const m = checkLabels.get(item);
    return m ? t(m.key, m.params) : item;
  };
  const pagesBySlot = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of review?.scans ?? []) m.set(s.slot, (m.get(s.slot) ?? 0) + s.pages.reduce((n, p) => n + (p.pageCount ?? 1), 0));
    return m;
  }, [review]);
  const sightingLabel = (s: string) => (SIGHTING_KINDS.includes(s as SightingKind) ? t(`intake.sighting.${s as SightingKind}`) : s);

  if (!review) return <ErrorNotice error={error} />;
  const allowed = isSupervisor(status) ? review.allowedDecisions : [];
  return (
    <section className="approval-review" aria-labelledby="review-title">
      <h1 id="review-title" tabIndex={-1}>
        {t('approval.review.title', { number: review.applicationNumber ?? '' })}
      </h1>
      <button type="button" className="link-button" onClick={onBack} aria-keyshortcuts="Escape Alt+2" title={t('approval.review.backShortcut')}>
        {t('approval.review.back')}
      </button>
      <div className="review-columns">
        <div>
          {parsedApp?.success && review.previousSubmission ? <ChangesSinceReturn app={parsedApp.data} previous={review.previousSubmission} /> : null}
          <h2>{t('approval.review.data')}</h2>
          <ReviewData data={review.data} pagesBySlot={pagesBySlot} />
          {review.assessment && review.assessedOn ? <ReviewRules assessment={review.assessment} assessedOn={review.assessedOn} /> : null}
          <h2>{t('approval.review.checklist')}</h2>
          <ul className="review-checklist">
            {review.checklist.map((c) => (
              <li key={c.item} data-check={c.item}>
                <strong>{checkLabel(c.item)}</strong>
                {/* Ticks from the intake are 'ticked'; older checklist rows carry their own state. */}
                {c.state !== 'ticked' ? `: ${c.state}` : ''}
                {c.sighting ? ` (${sightingLabel(c.sighting)})` : ''} —{' '}
                {t('approval.review.tickedBy', { actor: c.updatedByName, at: formatMacauDateTime(locale, c.updatedAt) })}
              </li>
            ))}
          </ul>
          <ul className="review-history">
            {review.statusHistory.map((h, i) => (
              <li key={i}>
                {formatMacauDateTime(locale, h.at)} · {t(`status.app.${h.status}`)} · {h.actorName}
                {h.onSessionOfName ? ` ${t('approval.review.onSessionOf', { name: h.onSessionOfName })}` : ''}
                {h.reason ? ` · ${decisionReasonText(t, h.reason)}` : ''}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>{t('approval.review.scans')}</h2>
          <ScanDownload id={review.id} onFetched={() => void load()} />
          <ScanViewer scans={review.scans} labelOf={labelOf} />
        </div>
      </div>
      {done ? (
        <div className="decision-done">
          <p role="status" tabIndex={-1} ref={doneRef}>
            {t(done === 'approved' ? 'approval.decide.done.approved' : done === 'rejected' ? 'approval.decide.done.rejected' : 'approval.decide.done.returned')}
          </p>
          <button type="button" onClick={() => void openNext()}>
            {t('approval.review.next')}
          </button>
          {noNext ? <p role="status">{t('approval.review.noNext')}</p> : null}
        </div>
      ) : null}
      <div ref={errorRef} tabIndex={error ? -1 : undefined}>
        <ErrorNotice error={error} />
      </div>
      {review.handledByMe && review.status === 'pending_approval' ? <p className="notice">{t('approval.error.fourEyes')}</p> : null}
      {allowed.length > 0 ? (
        <form className="decision" onSubmit={submit}>
          <fieldset>
            <legend>{t('approval.decide.confirm')}</legend>
            {allowed.map((d) => (
              <label key={d}>
                <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />{' '}
                {t(d === 'approve' ? 'approval.decide.approve' : d === 'reject' ? 'approval.decide.reject' : 'approval.decide.return')}
              </label>
            ))}
          </fieldset>
          {decision === 'reject' ? (
            <div className="field">
              <label htmlFor="reject-reason">{t('approval.decide.reason')}</label>
              <select id="reject-reason" required value={reasonCode} onChange={(e) => setReasonCode(e.target.value as RejectionReason)}>
                <option value="" />
                {REJECTION_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`approval.reason.${r}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {decision === 'reject' || decision === 'return' ? (
            <div className="field">
              <label htmlFor="decision-text">{t(decision === 'reject' ? 'approval.decide.reasonText' : 'approval.decide.notes')}</label>
              <textarea
                id="decision-text"
                value={text}
                maxLength={decision === 'reject' ? 1000 : 2000}
                required={decision === 'return'}
                onChange={(e) => setText(e.target.value)}
              />
            </div>
          ) : null}
          <button type="submit" disabled={!decision}>
            {t('approval.decide.confirm')}
          </button>
        </form>
      ) : review.status === 'pending_approval' && !isSupervisor(status) ? (
        <button type="button" onClick={() => setElevating(true)}>
          {t('auth.elevation.title')}
        </button>
      ) : null}
      {elevating ? <ElevationDialog onClose={() => setElevating(false)} /> : null}
      <HistoryPanel applicationId={review.id} version={review.status} />
    </section>
  );
}
