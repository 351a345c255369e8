import { useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { downloadPdf } from '../receipts/download-file';
import { securityCodeApi } from './security-code-api';

/**
 * Issue 16 item 3: the person's receipt for this visit — every entity's line in the state it is
 * in now — as a PDF to print or hand over. Made afresh on each press, so a receipt printed after
 * the server answered says done instead of queued.
 */
export function VisitReceiptButton({ visitId }: { visitId: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  async function make() {
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await securityCodeApi['enablements.receiptPdf']({ visitId });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    downloadPdf(r.value.fileName, r.value.pdfBase64);
    setDone(r.value.reference);
  }

  return (
    <div className="sc-receipt">
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void make()} disabled={busy}>
          {t('scui.receipt.pdf')}
        </button>
      </div>
      {busy && <p role="status">{t('scui.receipt.making')}</p>}
      {done && <p role="status">{t('scui.receipt.ready', { reference: done })}</p>}
      <ErrorNotice error={error} />
    </div>
  );
}
