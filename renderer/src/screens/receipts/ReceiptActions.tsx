import { useCallback, useEffect, useEffectEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { downloadPdf } from './download-file';
import { receiptsApi, type ReceiptStatus } from './receipts-api';
import './receipts.css';

/**
 * The receipt step after an application is submitted: the original receipt (printed at the
 * counter in Electron, downloaded in the harness), then reprints, each marked as a copy and
 * counted. The core decides who may; this only shows what it allows.
 *
 * `autoStart`: produce the original as soon as the core says it is owed (right after the
 * submit, so the person at the counter leaves with it). Never a reprint: copies are counted
 * and audited, so only the clerk's press makes one.
 */
export function ReceiptActions({
  applicationId,
  autoStart = false,
  focusAction = false,
}: {
  applicationId: string;
  autoStart?: boolean;
  focusAction?: boolean;
}) {
  const t = useT();
  const headingId = useId();
  const [status, setStatus] = useState<ReceiptStatus | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // The printer refused (jammed, none installed): the PDF is then the way out.
  const [printFailed, setPrintFailed] = useState(false);
  // Once per mount, also under StrictMode's double effects.
  const started = useRef(false);
  const primary = useRef<HTMLButtonElement | null>(null);
  const focused = useRef(false);

  const refresh = useCallback(async () => {
    const r = await receiptsApi['receipts.status']({ applicationId });
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  }, [applicationId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const produce = async (mode: 'issue' | 'reprint', via: 'printer' | 'download' = status?.canPrint ? 'printer' : 'download') => {
    if (!status || busy) return;
    setBusy(true);
    setError(null);
    setMessage(t('receipts.actions.working'));
    try {
      if (via === 'printer') {
        const r = await receiptsApi['receipts.print']({ applicationId, mode });
        setPrintFailed(!r.ok && r.error.code === 'unavailable');
        if (r.ok) setMessage(t('receipts.actions.printed', { printer: r.value.printer }));
        else {
          setMessage('');
          setError(r.error);
        }
      } else {
        const r = await receiptsApi[mode === 'issue' ? 'receipts.issue' : 'receipts.reprint']({ applicationId });
        if (r.ok) {
          setPrintFailed(false);
          downloadPdf(r.value.fileName, r.value.pdfBase64);
          setMessage(t('receipts.actions.downloaded', { file: r.value.fileName }));
        } else {
          setMessage('');
          setError(r.error);
        }
      }
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  // Producing reads the latest state but is not what triggers the original: the core's answer is.
  const produceOriginal = useEffectEvent(() => void produce('issue'));
  useEffect(() => {
    if (!autoStart || started.current || !status || !status.allowed || status.issued) return;
    started.current = true;
    produceOriginal();
  }, [autoStart, status]);

  // Found on request (lookup): the keyboard goes straight to what the clerk came to do. A layout
  // effect, so the focus moves in the same commit that shows the button: an Enter typed in between
  // cannot land on the search form again.
  useLayoutEffect(() => {
    if (!focusAction || focused.current || !status) return;
    focused.current = true;
    primary.current?.focus();
  }, [focusAction, status]);

  if (!status) return <ErrorNotice error={error} />;
  return (
    <section className="receipt-actions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('receipts.actions.title')}</h2>
      <p className="receipt-state">{status.issued ? t('receipts.actions.issued', { count: status.reprints }) : t('receipts.actions.notIssued')}</p>
      {!status.allowed && <p>{t('receipts.error.notYours')}</p>}
      {status.allowed && (
        <div className="actions">
          {/* aria-disabled, not disabled: the button keeps the keyboard focus while it works. */}
          {!status.issued ? (
            <button ref={primary} type="button" aria-disabled={busy || undefined} onClick={() => void produce('issue')}>
              {t(status.canPrint ? 'receipts.actions.print' : 'receipts.actions.download')}
            </button>
          ) : (
            <button ref={primary} type="button" aria-disabled={busy || undefined} onClick={() => void produce('reprint')}>
              {t('receipts.actions.reprint')}
            </button>
          )}
          {status.canPrint && printFailed && (
            <button type="button" aria-disabled={busy || undefined} onClick={() => void produce(status.issued ? 'reprint' : 'issue', 'download')}>
              {t('receipts.actions.downloadInstead')}
            </button>
          )}
        </div>
      )}
      <p role="status" className="receipt-message">
        {message}
      </p>
      <ErrorNotice error={error} />
    </section>
  );
}
