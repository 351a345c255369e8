import { useId, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/locale-store';
import { ReceiptActions } from './ReceiptActions';
import { receiptsApi } from './receipts-api';

/** A person back for a lost receipt: find the application by its number, then reprint. */
export function ReceiptLookup() {
  const t = useT();
  const id = useId();
  const [number, setNumber] = useState('');
  const [applicationId, setApplicationId] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  const [emptyHint, setEmptyHint] = useState(false);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setApplicationId(null);
    setError(null);
    // Said here: the core would only answer "invalid input" to an empty number.
    setEmptyHint(number.trim() === '');
    if (number.trim() === '') return;
    const r = await receiptsApi['receipts.find']({ applicationNumber: number.trim() });
    if (r.ok) setApplicationId(r.value.applicationId);
    else setError(r.error);
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('receipts.lookup.title')}</h2>
      <form onSubmit={(e) => void find(e)}>
        <TextField label={t('receipts.lookup.number')} value={number} onChange={setNumber} autoComplete="off" spellCheck={false} maxLength={40} />
        <div className="actions">
          <button type="submit">{t('receipts.lookup.find')}</button>
        </div>
      </form>
      {emptyHint && <p role="alert">{t('receipts.lookup.empty')}</p>}
      <ErrorNotice error={error} />
      {applicationId && <ReceiptActions key={applicationId} applicationId={applicationId} focusAction />}
    </section>
  );
}
