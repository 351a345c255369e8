import { useEffect, useState } from 'react';
import { useAppStore } from '../state/app-store';
import { useSignedInUser } from '../state/session-store';
import { useLocaleStore, useT } from '../i18n/locale-store';
import { api } from '../api/transport';
import { SyncDetails, mb, syncLine, type SyncStatus } from './SyncDetails';

/** How often the bar asks whether what was saved has been sent (a cheap count in the core). */
const SYNC_POLL_MS = 3_000;

export function StatusBar() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const info = useAppStore((s) => s.info);
  const signedIn = useSignedInUser()?.staffNumber ?? null;
  const infoError = useAppStore((s) => s.infoError);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  // The same poll tells whether the core answers at all (issue 13, item 16): the start-up
  // answer alone would keep saying "database normal" after the core has gone away.
  const [coreDown, setCoreDown] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    const poll = async () => {
      const r = await api['sync.status']({});
      if (!live) return;
      setCoreDown(!r.ok && r.error.code === 'unavailable');
      if (r.ok) setSync(r.value);
    };
    void poll();
    const timer = setInterval(() => void poll(), SYNC_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  const progress = sync?.upload && sync.upload.size > 0 ? sync.upload : null;
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span>
        {t('status.servicePoint')}:{' '}
        {info ? `${info.servicePoint.nameZh} / ${info.servicePoint.namePt} (${info.servicePoint.code} · ${info.workstationId})` : '…'}
      </span>
      <span data-testid="status-db">
        {t('status.database')}:{' '}
        {coreDown
          ? t('api.error.unavailable')
          : infoError || info?.database.state === 'error'
            ? t('status.db.error')
            : info
              ? t(info.database.encrypted ? 'status.db.okEncrypted' : 'status.db.ok')
              : '…'}
      </span>
      <span data-testid="status-sync" role="status">
        {t('status.sync')}: {sync ? syncLine(sync, t, locale, signedIn).join(' · ') : '…'}
        {progress ? (
          <progress
            max={progress.size}
            value={progress.offset}
            aria-label={t('sync.bar.uploading', { done: mb(progress.offset, 'down'), size: mb(progress.size) })}
          />
        ) : null}
      </span>
      {sync && sync.state !== 'not_configured' ? (
        <button type="button" className="link" onClick={() => setOpen(true)}>
          {t('sync.bar.details')}
        </button>
      ) : null}
      {open ? <SyncDetails onClose={() => setOpen(false)} onStatus={setSync} /> : null}
    </footer>
  );
}
