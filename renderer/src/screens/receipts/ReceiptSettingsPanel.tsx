import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { RECEIPT_PAPER_SIZES } from '../../../../api/contracts/receipt-contract';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useT } from '../../i18n/locale-store';
import { downloadPdf } from './download-file';
import { receiptsApi, type ReceiptSettings } from './receipts-api';

/** The workstation administrator's receipt settings: paper, English, printer, preview. */
export function ReceiptSettingsPanel() {
  const t = useT();
  const id = useId();
  const [settings, setSettings] = useState<ReceiptSettings | null>(null);
  const [printers, setPrinters] = useState<{ available: boolean; printers: { name: string; displayName: string; isDefault: boolean }[] } | null>(null);
  const [publicKey, setPublicKey] = useState<{ workstationId: string; publicKey: string } | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    void (async () => {
      const [s, p, k] = await Promise.all([
        receiptsApi['receipts.settings']({}),
        receiptsApi['receipts.printers']({}),
        receiptsApi['receipts.workstationKey']({}),
      ]);
      if (s.ok) setSettings(s.value);
      else setError(s.error);
      if (p.ok) setPrinters(p.value);
      if (k.ok) setPublicKey(k.value);
    })();
  }, []);

  if (!settings) return <ErrorNotice error={error} />;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    const r = await receiptsApi['receipts.setSettings'](settings);
    if (r.ok) {
      setSettings(r.value);
      setError(null);
      setMessage(t('receipts.settings.saved'));
    } else setError(r.error);
  };

  const preview = async () => {
    setMessage('');
    const r = await receiptsApi['receipts.preview']({});
    if (!r.ok) return setError(r.error);
    setError(null);
    if (r.value.file) {
      downloadPdf(r.value.file.fileName, r.value.file.pdfBase64);
      setMessage(t('receipts.actions.downloaded', { file: r.value.file.fileName }));
    } else setMessage(t('receipts.settings.previewShown'));
  };

  return (
    <section className="receipt-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('receipts.settings.title')}</h2>
      <form onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor={`${id}-paper`}>{t('receipts.settings.paper')}</label>
          <select
            id={`${id}-paper`}
            value={settings.paperSize}
            onChange={(e) => setSettings({ ...settings, paperSize: e.target.value as ReceiptSettings['paperSize'] })}
          >
            {RECEIPT_PAPER_SIZES.map((p) => (
              <option key={p} value={p}>
                {t(`receipts.settings.paper.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={settings.english} onChange={(e) => setSettings({ ...settings, english: e.target.checked })} />{' '}
            {t('receipts.settings.english')}
          </label>
        </div>
        {printers?.available ? (
          <div className="field">
            <label htmlFor={`${id}-printer`}>{t('receipts.settings.printer')}</label>
            <select
              id={`${id}-printer`}
              value={settings.printer ?? ''}
              onChange={(e) => {
                const { printer: _old, ...rest } = settings;
                setSettings(e.target.value === '' ? rest : { ...rest, printer: e.target.value });
              }}
            >
              <option value="">{t('receipts.settings.defaultPrinter')}</option>
              {printers.printers.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.displayName}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p>{t('receipts.settings.noPrinters')}</p>
        )}
        <div className="actions">
          <button type="submit">{t('receipts.settings.save')}</button>
          <button type="button" onClick={() => void preview()}>
            {t('receipts.settings.preview')}
          </button>
        </div>
      </form>
      <p role="status">{message}</p>
      <ErrorNotice error={error} />
      {publicKey && (
        <>
          <h3>{t('receipts.settings.publicKey', { workstation: publicKey.workstationId })}</h3>
          <p className="public-key">{publicKey.publicKey}</p>
        </>
      )}
    </section>
  );
}
