import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../api/contract';
import { isMessageKey, type Locale, type MessageKey } from '../../../i18n';
import { api } from '../api/transport';
import { useLocaleStore, useT, type TranslateFn } from '../i18n/locale-store';
import { formatMacauDateTime, formatMacauTime } from '../screens/approval/format-time';
import { sayMessage } from '../i18n/localised-message';

// "Is what I saved safe?" in plain words (issue 15): the status bar's sync line, and the panel
// listing what waits, what the central system refused and why, with "retry now".

export type SyncStatus = Output<'sync.status'>;
type SyncDetailsData = Output<'sync.details'>;
type Item = SyncDetailsData['waiting'][number];

const MB = 1024 * 1024;
const ROUND = { up: Math.ceil, down: Math.floor, nearest: Math.round };
/** Megabytes to one decimal. What is left rounds up (a 30 KB scan still waiting reads 0.1 MB, never 0.0), what was sent rounds down. */
export const mb = (bytes: number, round: keyof typeof ROUND = 'nearest') => (ROUND[round]((bytes / MB) * 10) / 10).toFixed(1);

const say = sayMessage;

/**
 * The sync line: saved here / N waiting (MB left, upload progress) / all sent at HH:MM / last error and next try.
 * `signedIn`: the staff number of whoever is signed in here, if anyone.
 */
export function syncLine(s: SyncStatus, t: TranslateFn, locale: Locale, signedIn: string | null = null): string[] {
  if (s.state === 'not_configured') return [t('status.sync.notConfigured'), t('sync.bar.notConfigured')];
  const parts: string[] = [];
  if (s.waiting > 0) {
    parts.push(s.bytesLeft > 0 ? t('sync.bar.waitingMb', { count: s.waiting, mb: mb(s.bytesLeft, 'up') }) : t('sync.bar.waiting', { count: s.waiting }));
    if (s.upload) parts.push(t('sync.bar.uploading', { done: mb(s.upload.offset, 'down'), size: mb(s.upload.size) }));
  } else {
    parts.push(s.lastSentAt ? t('sync.bar.allSent', { time: formatMacauTime(locale, s.lastSentAt) }) : t('sync.bar.connected'));
  }
  if (s.refused > 0) parts.push(t('sync.bar.refused', { count: s.refused }));
  if (s.conflicts > 0) parts.push(t('sync.bar.conflicts', { count: s.conflicts }));
  if (s.lastError?.code === 'needs_session') {
    // Not an error: the work waits for its person's server session (docs/sync-protocol.md §4.1).
    // Whoever it waits for is signed in here: the workstation is still confirming that sign-in
    // with the server and sends by itself — they must not be told to sign in again.
    parts.push(s.lastError.params?.['staffNumber'] === signedIn ? t('sync.bar.confirmingSignIn') : say(t, s.lastError));
  } else if (s.lastError) {
    parts.push(t('sync.bar.lastError', { time: formatMacauTime(locale, s.lastError.at), message: say(t, s.lastError) }));
    if (s.nextRetryAt) parts.push(t('sync.bar.retryAt', { time: formatMacauTime(locale, s.nextRetryAt) }));
  }
  return parts;
}

function ItemTable({ caption, items, withReason }: { caption: string; items: Item[]; withReason: boolean }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  if (items.length === 0) {
    return (
      <section>
        <h3>{caption}</h3>
        <p>{t('sync.details.none')}</p>
      </section>
    );
  }
  return (
    <section>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sync.details.number')}</th>
            <th scope="col">{t('sync.details.entity')}</th>
            <th scope="col">{t('sync.details.what')}</th>
            <th scope="col">{t('sync.details.since')}</th>
            {withReason ? <th scope="col">{t('sync.details.reason')}</th> : <th scope="col">{t('sync.details.attempts')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={`${i.kind}-${i.applicationId}-${i.since}`}>
              <td>{i.applicationNumber ?? t('sync.details.noNumber')}</td>
              <td>{i.entityName ?? ''}</td>
              <td>{t(`sync.kind.${i.kind}` as MessageKey)}</td>
              <td>
                <time dateTime={i.since}>{formatMacauDateTime(locale, i.since)}</time>
              </td>
              <td>{withReason ? say(t, i.reason) : i.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function SyncDetails({ onClose, onStatus }: { onClose: () => void; onStatus: (s: SyncStatus) => void }) {
  const t = useT();
  const [details, setDetails] = useState<SyncDetailsData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const opener = useRef<Element | null>(document.activeElement);
  const load = useCallback(async () => {
    const r = await api['sync.details']({});
    if (r.ok) {
      setDetails(r.value);
      setError(null);
    } else setError(r.error.messageKey && isMessageKey(r.error.messageKey) ? t(r.error.messageKey, r.error.params) : r.error.message);
  }, [t]);
  useEffect(() => {
    void load();
    const prev = opener.current;
    return () => {
      if (prev instanceof HTMLElement) prev.focus();
    };
  }, [load]);
  const retry = async () => {
    const r = await api['sync.retryNow']({});
    if (r.ok) onStatus(r.value);
    await load();
  };
  return (
    <div className="lock-overlay" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="auth-panel sync-details" role="dialog" aria-modal="true" aria-labelledby="sync-details-title">
        <h2 id="sync-details-title">{t('sync.details.title')}</h2>
        {error ? <p role="alert">{error}</p> : null}
        {details ? (
          <>
            <ItemTable caption={t('sync.details.waiting')} items={details.waiting} withReason={false} />
            <ItemTable caption={t('sync.details.refused')} items={details.refused} withReason />
            <ItemTable caption={t('sync.details.conflicts')} items={details.conflicts} withReason />
          </>
        ) : null}
        <div className="actions">
          <button type="button" onClick={() => void retry()} autoFocus>
            {t('sync.details.retryNow')}
          </button>
          <button type="button" onClick={onClose}>
            {t('sync.details.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
