import { useId } from 'react';
import type { Application } from '../../../../domain/model/application';
import { SIGHTING_KINDS, type SightingKind } from '../../../../domain/model/codes';
import { sourceMessage, type Assessment, type Requirement } from '../../../../domain/rules';
import { useT } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';
import { SlotScans } from './ScansMount';
import { targetOf } from './requirement-target';
import { now } from '../../clock';

type ItemState = 'met' | 'missing' | 'warning' | 'not_applicable';
const stateOf = (r: Requirement): ItemState => (r.status === 'missing' ? (r.blocking ? 'missing' : 'warning') : r.status);

/** FAQ 8: a same-name item is settled in the notice above the form, where its reason is typed. */
const sameNameTarget = (r: Requirement): string | null =>
  r.distinctKey !== undefined && r.status === 'missing' ? `[data-same-name="${r.distinctKey}"] textarea` : null;

export function focusTarget(r: Requirement, app: Application): void {
  const selector = sameNameTarget(r) ?? targetOf(r, app.powerOfAttorney.attorneyPersonId);
  const el = selector ? document.querySelector<HTMLElement>(selector) : null;
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

function ChecklistItem({
  r,
  app,
  firstOfSlot,
  applicationId,
  readOnly,
  tickers,
  onTick,
  onSighting,
  onScansChanged,
}: {
  r: Requirement;
  app: Application;
  firstOfSlot: boolean;
  applicationId: string;
  readOnly: boolean;
  tickers: Record<string, string>;
  onTick: (checkId: string, on: boolean) => void;
  onSighting: (slot: string, kind: SightingKind) => void;
  onScansChanged: () => void;
}) {
  const t = useT();
  const id = useId();
  const state = stateOf(r);
  // Who recorded something (FAQ 8 "another entity") by name, as ticks are, not by staff number.
  const by = r.message.params?.['by'];
  const message = t(r.message.key, by !== undefined && tickers[String(by)] ? { ...r.message.params, by: tickers[String(by)] ?? '' } : r.message.params);
  const source = sourceMessage(r.source);
  const tick = r.checkId ? app.checks[r.checkId] : undefined;
  const canFocus = !r.checkId && (sameNameTarget(r) ?? targetOf(r, app.powerOfAttorney.attorneyPersonId)) !== null;
  return (
    <li className={`req req-${state}`} data-req={r.id} data-slot={r.slot}>
      <span className="req-state">{t(`intake.check.state.${state}`)}</span>
      {r.checkId ? (
        <label className="check req-tick">
          <input
            type="checkbox"
            checked={tick !== undefined}
            disabled={readOnly}
            data-check={r.checkId}
            onChange={(e) => onTick(r.checkId ?? '', e.target.checked)}
          />{' '}
          {message}
        </label>
      ) : canFocus ? (
        <button type="button" className="link-button req-message" onClick={() => focusTarget(r, app)}>
          {message}
        </button>
      ) : (
        <span className="req-message">{message}</span>
      )}
      <span className="req-source">{t(source.key, source.params)}</span>
      {tick ? <span className="req-ticked">{t('intake.check.tickedBy', { name: tickers[tick.by] ?? tick.by })}</span> : null}
      {r.slot && firstOfSlot ? (
        <div className="req-slot">
          <label htmlFor={`${id}-sighting`}>{t('intake.check.sighting')}</label>
          <select
            id={`${id}-sighting`}
            value={app.documents[r.slot]?.sighting ?? 'none'}
            disabled={readOnly}
            data-sighting={r.slot}
            onChange={(e) => onSighting(r.slot ?? '', e.target.value as SightingKind)}
          >
            {SIGHTING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`intake.sighting.${k}`)}
              </option>
            ))}
          </select>
          <SlotScans applicationId={applicationId} slot={r.slot} readOnly={readOnly} onChanged={onScansChanged} />
        </div>
      ) : null}
    </li>
  );
}

/**
 * The rules engine's checklist beside the form (issue 5, item 3): every requirement with its
 * state, reason and source in the clerk's language; sightings and scans per document slot;
 * eye checks as explicit ticks with who ticked.
 */
export function ChecklistPanel({
  assessment,
  app,
  applicationId,
  readOnly,
  tickers,
  update,
  onScansChanged,
}: {
  assessment: Assessment;
  app: Application;
  applicationId: string;
  readOnly: boolean;
  tickers: Record<string, string>;
  update: (change: (draft: Application) => void) => void;
  onScansChanged: () => void;
}) {
  const t = useT();
  const staffNumber = useSessionStore((s) => s.status?.user?.staffNumber ?? '');
  const seen = new Set<string>();
  const onTick = (checkId: string, on: boolean) =>
    update((a) => {
      // The core stamps who and when; this local stamp only shows the tick until it answers.
      if (on) a.checks[checkId] = { by: staffNumber || '?', at: now().toISOString() };
      else delete a.checks[checkId];
    });
  const onSighting = (slot: string, kind: SightingKind) =>
    update((a) => {
      a.documents[slot] = { sighting: kind, attachments: a.documents[slot]?.attachments ?? [] };
    });
  const shown = assessment.requirements.filter((r) => r.status !== 'not_applicable' || r.slot);
  return (
    <section className="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('intake.check.title')}</h2>
      <p className={assessment.blockingCount > 0 ? 'blocking-count' : 'blocking-none'} role="status" data-testid="blocking-count">
        {assessment.blockingCount > 0 ? t('intake.check.blocking', { count: assessment.blockingCount }) : t('intake.check.ready')}
      </p>
      <ul className="req-list">
        {shown.map((r) => {
          const firstOfSlot = r.slot !== undefined && !seen.has(r.slot);
          if (r.slot) seen.add(r.slot);
          return (
            <ChecklistItem
              key={r.id}
              r={r}
              app={app}
              firstOfSlot={firstOfSlot}
              applicationId={applicationId}
              readOnly={readOnly}
              tickers={tickers}
              onTick={onTick}
              onSighting={onSighting}
              onScansChanged={onScansChanged}
            />
          );
        })}
      </ul>
    </section>
  );
}
