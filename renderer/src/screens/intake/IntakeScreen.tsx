import { useEffect, useMemo, useRef, useState } from 'react';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useShortcuts } from '../../components/use-shortcuts';
import { useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { useIntakeStore } from '../../state/intake-store';
import { useSignedInUser } from '../../state/session-store';
import { DecisionNotice } from '../approval/DecisionNotice';
import { ChecklistPanel, focusTarget } from './ChecklistPanel';
import { DiscardDraft } from './DiscardDraft';
import { DuplicateNotice } from './DuplicateNotice';
import { IntakeForm } from './IntakeForm';
import { liveAssessment } from './live-assessment';
import { Tray } from './ScansMount';
import { ShortcutsHelp } from './ShortcutsHelp';
import { SubmitBar } from './SubmitBar';
import { SubmitSummary } from './SubmitSummary';
import { nextBlocking } from './next-blocking';
import { SubmittedBanner } from './SubmittedBanner';
import { HistoryPanel } from '../history/HistoryPanel';
import { staffLabel } from '../../../../domain/model/staff-label';
import './intake.css';

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/** One application at the counter: the paper form on the left, the checklist beside it. */
export function IntakeScreen({ id }: { id: string }) {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const user = useSignedInUser();
  const { record, app, saveState, error, loadError, open, update, flush, refresh, submit } = useIntakeStore();
  const [busy, setBusy] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const lastJump = useRef<string | null>(null);
  const lastFocus = useRef<HTMLElement | null>(null);
  const layout = useRef<HTMLDivElement | null>(null);

  // The window closing (Electron) or the page going away: send what is typed now rather than
  // after the autosave delay. The request leaves at once; the core saves it even if the
  // renderer is gone before the answer comes back.
  useEffect(() => {
    const leave = () => void useIntakeStore.getState().flush();
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, []);

  useEffect(() => {
    // Already held (just created, or opened before): re-read it anyway, because a supervisor
    // may have decided on it meanwhile (elevation at this workstation); refresh keeps typing.
    if (useIntakeStore.getState().id !== id) void open(id);
    else void useIntakeStore.getState().refresh();
    return () => void useIntakeStore.getState().flush();
  }, [id, open]);

  const assessment = useMemo(() => (app && record ? (record.readOnly ? record.assessment : liveAssessment(app, record.assessment)) : null), [app, record]);
  const tickers = useMemo(
    () => ({ ...(user ? { [user.staffNumber]: staffLabel(user.displayName, user.staffNumber) } : {}), ...(record?.tickers ?? {}) }),
    [user, record],
  );
  const duplicates = record && record.kind === 'first_application' && !record.readOnly ? record.duplicates : [];

  // Leaving with typing the core refused would drop it with the open form: stay, and the
  // save state and error say why (a read-only form has nothing of the clerk's to lose).
  const back = async () => {
    const saved = await flush();
    if (!saved && !useIntakeStore.getState().record?.readOnly) return;
    navigate({ screen: 'worklist' });
  };

  const moveSection = (step: 1 | -1) => {
    const sections = Array.from(layout.current?.querySelectorAll<HTMLElement>('[data-section]') ?? []);
    if (sections.length === 0) return;
    const current = sections.findIndex((s) => s.contains(document.activeElement));
    const next = sections[current === -1 ? 0 : Math.min(sections.length - 1, Math.max(0, current + step))];
    next?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  };

  const addPerson = () => {
    const section = lastFocus.current?.closest<HTMLElement>('[data-section]');
    const inSection = section?.querySelector<HTMLButtonElement>('[data-add-person]:not([disabled])');
    (inSection ?? layout.current?.querySelector<HTMLButtonElement>('[data-section="admins"] [data-add-person]:not([disabled])'))?.click();
  };

  // "Attach" goes to the scans of the item the clerk is on: the checklist item, or the ID of
  // the person whose fields have focus, or else the first document still missing.
  const attach = () => {
    if (!assessment) return;
    const from = lastFocus.current;
    const slot =
      from?.closest<HTMLElement>('[data-slot]')?.dataset.slot ??
      from?.closest<HTMLElement>('[data-person-slot]')?.dataset.personSlot ??
      assessment.requirements.find((r) => r.status === 'missing' && r.slot)?.slot;
    if (!slot) return;
    const item = layout.current?.querySelector<HTMLElement>(`.req-slot [data-sighting="${CSS.escape(slot)}"]`)?.closest('li');
    const target = item?.querySelector<HTMLElement>('input[type=file]') ?? item?.querySelector<HTMLElement>('[data-sighting]');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  };

  const showFirstBlocking = () => {
    if (!assessment || !app) return;
    const first = assessment.requirements.find((r) => r.status === 'missing' && r.blocking);
    if (first) focusTarget(first, app);
    else document.querySelector<HTMLElement>('[data-testid="duplicate-notice"] button')?.focus();
  };

  /** Ctrl+Enter while something blocks: on to the next blocking item, down the checklist (issue 13 item 13). */
  const showNextBlocking = () => {
    if (!assessment || !app) return;
    const next = nextBlocking(assessment.requirements, lastJump.current);
    if (!next) return showFirstBlocking();
    lastJump.current = next.id;
    focusTarget(next, app);
  };

  const doSubmit = async () => {
    setBusy(true);
    const done = await submit();
    setBusy(false);
    setConfirming(false);
    if (done) requestAnimationFrame(() => document.getElementById('submitted-title')?.focus());
  };

  /** Back from the summary without submitting: to the button that opened it. */
  const cancelConfirm = () => {
    setConfirming(false);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="submit"]')?.focus());
  };

  const editable = record ? !record.readOnly : false;
  const blocked = !assessment || assessment.blockingCount > 0 || duplicates.length > 0;
  useShortcuts([
    { keys: 'Alt+ArrowDown', run: () => moveSection(1) },
    { keys: 'Alt+ArrowUp', run: () => moveSection(-1) },
    { keys: 'Alt+P', run: () => editable && addPerson() },
    { keys: 'Alt+A', run: attach },
    // Never submits: the next blocking item, or the summary whose own button submits. Inside
    // the summary it does nothing, so pressing it once too often cannot send the form.
    { keys: 'Ctrl+Enter', run: () => editable && !confirming && (blocked ? showNextBlocking() : setConfirming(true)) },
    { keys: 'Escape', run: () => (confirming ? cancelConfirm() : void back()) },
    { keys: 'Alt+K', run: () => setHelpOpen((o) => !o) },
  ]);

  if (!record || !app || !assessment) {
    return (
      <section aria-busy={loadError ? undefined : true}>
        <h1 tabIndex={-1}>{t('intake.title')}</h1>
        <ErrorNotice error={loadError} />
        {!loadError ? <p>{t('intake.loading')}</p> : null}
      </section>
    );
  }

  const title = `${t(`kind.${record.kind}`)}${record.applicationNumber ? ` ${record.applicationNumber}` : ''}`;
  return (
    <section className="intake" aria-labelledby="intake-title">
      <div className="intake-head">
        <h1 id="intake-title" tabIndex={-1}>
          {title}
        </h1>
        <span className={`status-badge status-${record.status}`} data-testid="intake-status">
          {t(`status.app.${record.status}`)}
        </span>
        {editable ? (
          <p className={`save-state save-${saveState}`} role="status" data-testid="save-state">
            {t(`intake.save.${saveState}`)}
          </p>
        ) : (
          <p className="read-only-note">{t('intake.readOnly')}</p>
        )}
        <button type="button" className="secondary" aria-keyshortcuts="Escape" onClick={() => void back()}>
          {t('intake.back')}
        </button>
      </div>
      <ShortcutsHelp open={helpOpen} onToggle={setHelpOpen} />
      {record.status !== 'draft' && record.status !== 'pending_approval' && record.status !== 'discarded' ? (
        <DecisionNotice id={record.id} status={record.status} />
      ) : null}
      <SubmittedBanner record={record} />
      <HistoryPanel applicationId={record.id} version={record.revision} />
      <DuplicateNotice duplicates={duplicates} />
      <ErrorNotice error={error} />
      <div
        className="intake-layout"
        ref={layout}
        onFocusCapture={(e) => {
          lastFocus.current = e.target as HTMLElement;
        }}
      >
        <div className="intake-form-column">
          <IntakeForm app={app} label={t('intake.form.label')} />
        </div>
        <aside className="intake-side" aria-label={t('intake.side.label')}>
          {/* New files from the counter scanner first: below the long checklist nobody sees them arrive. */}
          {editable ? (
            <Tray
              applicationId={record.id}
              slots={[...new Set(assessment.requirements.flatMap((r) => (r.slot ? [r.slot] : [])))]}
              onChanged={() => void refresh()}
            />
          ) : null}
          <ChecklistPanel
            assessment={assessment}
            app={app}
            applicationId={record.id}
            readOnly={!editable}
            tickers={tickers}
            update={update}
            onScansChanged={() => void refresh()}
          />
        </aside>
      </div>
      {editable ? (
        <SubmitBar
          assessment={assessment}
          duplicate={duplicates.length > 0}
          busy={busy}
          onSubmit={() => setConfirming(true)}
          onShowFirstBlocking={showFirstBlocking}
          extra={<DiscardDraft />}
        />
      ) : null}
      {editable && confirming && !blocked ? (
        <SubmitSummary app={app} assessment={assessment} busy={busy} onConfirm={() => void doSubmit()} onCancel={cancelConfirm} />
      ) : null}
    </section>
  );
}
