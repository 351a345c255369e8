import { lazy, Suspense, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { formatMacauDateTime } from '../approval/format-time';
import { ReceiptLookup } from './ReceiptLookup';
import { receiptsApi, type ReceiptVerification } from './receipts-api';
import './receipts.css';

// The QR decoder is a third of the renderer's JavaScript and only this button needs it: it
// loads when the clerk opens the camera, not with the intake screen every morning.
const QrScanner = lazy(() => import('./QrScanner').then((m) => ({ default: m.QrScanner })));

/** Tell a real receipt from a forged one, offline: paste the QR text or scan it with the camera. */
export function VerifyReceiptScreen() {
  const t = useT();
  const [token, setToken] = useState('');
  const [scanning, setScanning] = useState(false);
  const [cameraFailed, setCameraFailed] = useState(false);
  const [result, setResult] = useState<ReceiptVerification | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [emptyHint, setEmptyHint] = useState(false);

  const verify = async (text: string) => {
    setResult(null);
    setError(null);
    if (text.trim() === '') {
      setEmptyHint(true);
      return;
    }
    setEmptyHint(false);
    const r = await receiptsApi['receipts.verify']({ token: text.trim() });
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void verify(token);
  };

  return (
    <div className="verify-receipt">
      <h1 tabIndex={-1}>{t('receipts.verify.title')}</h1>
      <p>{t('receipts.verify.intro')}</p>
      <form onSubmit={submit}>
        <TextField label={t('receipts.verify.token')} value={token} onChange={setToken} autoComplete="off" spellCheck={false} maxLength={2000} />
        <div className="actions">
          <button type="submit">{t('receipts.verify.check')}</button>
          <button
            type="button"
            aria-pressed={scanning}
            onClick={() => {
              setCameraFailed(false);
              setScanning((s) => !s);
            }}
          >
            {scanning ? t('receipts.verify.stopScan') : t('receipts.verify.scan')}
          </button>
        </div>
      </form>
      {scanning && (
        <section aria-label={t('receipts.verify.scan')}>
          <p>{t('receipts.verify.scanning')}</p>
          <Suspense fallback={<p role="status">{t('intake.loading')}</p>}>
            <QrScanner
              label={t('receipts.verify.scan')}
              onResult={(text) => {
                setScanning(false);
                setToken(text);
                void verify(text);
              }}
              onError={() => {
                setScanning(false);
                setCameraFailed(true);
              }}
            />
          </Suspense>
        </section>
      )}
      {cameraFailed && <p role="alert">{t('receipts.verify.cameraError')}</p>}
      {emptyHint && <p role="alert">{t('receipts.verify.empty')}</p>}
      <div role="status" aria-live="polite">
        {result && <VerificationResult result={result} />}
      </div>
      <ErrorNotice error={error} />
      <ReceiptLookup />
    </div>
  );
}

function VerificationResult({ result }: { result: ReceiptVerification }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  return (
    <div className={`verify-result ${result.result}`}>
      <h2>{t(`receipts.verify.result.${result.result}`)}</h2>
      {result.applicationNumber && <p>{t('receipts.verify.number', { number: result.applicationNumber })}</p>}
      {result.issuedAt && <p>{t('receipts.verify.issuedAt', { at: formatMacauDateTime(locale, result.issuedAt) })}</p>}
      {result.workstationId && <p>{t('receipts.verify.workstation', { workstation: result.workstationId })}</p>}
      {/* What the result means, in the words printed on the receipt's own verify messages. */}
      {result.result === 'valid' && <p>{t('receipt.verify.valid')}</p>}
      {result.result === 'unknown_workstation' && <p>{t('receipt.verify.unknown_workstation', { workstation: result.workstationId ?? '' })}</p>}
      {result.result === 'tampered' && <p>{t('receipt.verify.tampered')}</p>}
      {result.result === 'malformed' && <p>{t('receipt.verify.malformed')}</p>}
      {result.matchesRecord === true && <p>{t('receipts.verify.matches')}</p>}
      {result.matchesRecord === false && <p>{t('receipts.verify.mismatch')}</p>}
      {result.notOnFile === true && <p>{t('receipts.verify.notOnFile')}</p>}
    </div>
  );
}
