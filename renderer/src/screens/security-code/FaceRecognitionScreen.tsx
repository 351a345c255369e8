import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { EnablementRecord, FaceRecognitionVerdict } from '../../../../api/contracts/security-code-contract';
import type { ApiErrorBody } from '../../../../api/result';
import type { MessageKey } from '../../../../i18n';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useShortcuts } from '../../components/use-shortcuts';
import { useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { securityCodeApi } from './security-code-api';
import { EMPTY_SIGHTED, SightedIdFields, sightedIdOf, type SightedIdDraft } from './SightedIdFields';
import { VerdictList } from './VerdictList';
import { EnablementLines } from './EnablementLines';
import { usePollWhile } from './use-poll-while';
import { VisitReceiptButton } from './VisitReceiptButton';
import './security-code.css';

// FAQ 18: face recognition is for staff logins registered with a Macau resident ID card.
const MACAU_ID_TYPES = ['mo_bir_permanent', 'mo_bir_non_permanent'] as const;

/**
 * FAQ 18: a staff member registered with a Macau ID who switched face recognition off comes
 * in person: Macau ID sighted in original, the login found, every check shown, re-enabled.
 */
export function FaceRecognitionScreen() {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const [visitId] = useState(() => crypto.randomUUID());
  const [sighted, setSighted] = useState<SightedIdDraft>({ ...EMPTY_SIGHTED, type: 'mo_bir_permanent' });
  const [entityNumber, setEntityNumber] = useState('');
  const [loginId, setLoginId] = useState('');
  const [verdict, setVerdict] = useState<FaceRecognitionVerdict | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [record, setRecord] = useState<EnablementRecord | null>(null);
  const enableButton = useRef<HTMLButtonElement>(null);

  useShortcuts([{ keys: 'Escape', run: () => navigate({ screen: 'worklist' }), inFields: false }]);
  // Queued until the central server answers: ask again, so confirmed or refused shows on its own.
  usePollWhile(record?.state === 'queued', () => {
    const id = record?.id;
    void securityCodeApi['enablements.receipt']({ visitId }).then((r) => {
      const now = r.ok ? r.value.records.find((x) => x.id === id) : undefined;
      if (now) setRecord((cur) => (cur?.id === now.id ? now : cur));
    });
  });
  useEffect(() => {
    if (verdict?.ok && !record) enableButton.current?.focus();
  }, [verdict, record]);

  function body() {
    const sightedId = sightedIdOf(sighted);
    if (!sightedId || !entityNumber.trim() || !loginId.trim()) return null;
    return { entityNumber: entityNumber.trim(), staffLoginId: loginId.trim(), sightedId, originalSighted: sighted.originalSighted };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = body();
    setMissing(!input);
    if (!input) return;
    setError(null);
    setBusy(true);
    if (verdict?.ok && !record) {
      const r = await securityCodeApi['faceRecognition.reenable']({ ...input, visitId });
      setBusy(false);
      if (!r.ok) return setError(r.error);
      setVerdict(r.value.verdict);
      if (r.value.record) setRecord(r.value.record);
      return;
    }
    setRecord(null);
    const r = await securityCodeApi['faceRecognition.find'](input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setVerdict(r.value.verdict);
  }

  // Any change to what was checked means checking again before re-enabling.
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setVerdict(null);
      setRecord(null);
    };

  return (
    <section className="sc-screen" aria-labelledby="fr-title">
      <h1 id="fr-title" tabIndex={-1}>
        {t('scui.fr.title')}
      </h1>
      <p>{t('scui.fr.intro')}</p>
      <button type="button" className="secondary" onClick={() => navigate({ screen: 'securityCode' })}>
        {t('scui.toSc')}
      </button>
      <form onSubmit={(e) => void submit(e)} aria-labelledby="fr-title">
        <SightedIdFields value={sighted} onChange={edit(setSighted)} types={MACAU_ID_TYPES} />
        <TextField label={t('scui.entity')} value={entityNumber} maxLength={20} autoComplete="off" spellCheck={false} onChange={edit(setEntityNumber)} />
        <TextField label={t('scui.loginId')} value={loginId} maxLength={60} autoComplete="off" spellCheck={false} onChange={edit(setLoginId)} />
        {missing && (
          <p className="field-error" role="alert">
            {t('scui.fr.needFields')}
          </p>
        )}
        <ErrorNotice error={error} />
        {verdict && <VerdictList verdict={verdict} tool="fr" />}
        {!record && (
          <div className="actions">
            {verdict?.ok ? (
              <button type="submit" ref={enableButton} disabled={busy}>
                {t('scui.fr.enable')}
              </button>
            ) : (
              <button type="submit" disabled={busy}>
                {t('scui.fr.find')}
              </button>
            )}
          </div>
        )}
      </form>
      {record && (
        <section className="sc-done" aria-labelledby="fr-done-title">
          <h2 id="fr-done-title">{t(record.receiptLine.messageKey as MessageKey, record.receiptLine.params)}</h2>
          <p role="status">{t(`scui.done.${record.state}`)}</p>
          <EnablementLines records={[record]} labelledBy="fr-done-title" />
          <VisitReceiptButton visitId={visitId} />
        </section>
      )}
      <button type="button" className="secondary" onClick={() => navigate({ screen: 'worklist' })}>
        {t('scui.back')}
      </button>
    </section>
  );
}
