import { useEffect, useRef, useState } from 'react';
import type { servicePointContract, ScanFetchProgressView } from '../../../../api/contracts/service-point-contract';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';
import type { MessageKey } from '../../../../i18n';
import { useT } from '../../i18n/locale-store';

const scanApi: AreaClient<typeof servicePointContract> = api;
const POLL_MS = 400;
const mb = (n: number) => (n / 1048576).toFixed(1);

/**
 * An application taken in at another workstation: its scans come from the central system when
 * the supervisor opens it. Shows how far that got, and calls `onFetched` once they are here so
 * the review lists them. Nothing is shown for this workstation's own applications.
 */
export function ScanDownload({ id, onFetched }: { id: string; onFetched: () => void }) {
  const t = useT();
  const [p, setP] = useState<ScanFetchProgressView | null>(null);
  const [attempt, setAttempt] = useState(0);
  const fetchedRef = useRef(onFetched);
  fetchedRef.current = onFetched;

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (retry: boolean) => {
      void scanApi['approval.fetchScans']({ id, ...(retry ? { retry } : {}) }).then((r) => {
        if (!live || !r.ok) return;
        setP(r.value);
        if (r.value.state === 'fetching') timer = setTimeout(() => ask(false), POLL_MS);
        else if (r.value.state === 'done' && r.value.scans > 0) fetchedRef.current();
      });
    };
    ask(attempt > 0);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [id, attempt]);

  if (!p || p.scans === 0 || p.state === 'done') return null;
  if (p.state === 'failed') {
    return (
      <div className="notice" role="alert">
        {t('sync.scans.failed', { message: p.error ? t(p.error.messageKey as MessageKey, p.error.params) : '' })}{' '}
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('sync.scans.retry')}
        </button>
      </div>
    );
  }
  return (
    <p role="status" className="scan-download">
      {t('sync.scans.fetching', { fetched: p.fetched, scans: p.scans, done: mb(p.doneBytes), total: mb(p.totalBytes) })}{' '}
      <progress aria-label={t('sync.scans.progress')} max={Math.max(1, p.totalBytes)} value={p.doneBytes} />
    </p>
  );
}
