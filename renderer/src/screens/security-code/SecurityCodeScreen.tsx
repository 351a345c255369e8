import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { QR_TEXT_MAX, type EnablementRecord, type SecurityCodeVerdict } from '../../../../api/contracts/security-code-contract';
import type { ApiErrorBody } from '../../../../api/result';
import type { MessageKey } from '../../../../i18n';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useShortcuts } from '../../components/use-shortcuts';
import { useWedgeScanner } from '../../components/wedge/use-wedge-scanner';
import { useT } from '../../i18n/locale-store';
import { useAppStore } from '../../state/app-store';
import { SECURITY_CODE_WEDGE_FORMAT } from '../../../../domain/security-code/payload-codec';
import { securityCodeApi } from './security-code-api';
import { EMPTY_SIGHTED, SightedIdFields, sightedIdOf, type SightedIdDraft } from './SightedIdFields';
import { VerdictList } from './VerdictList';
import { EnablementLines } from './EnablementLines';
import { usePollWhile } from './use-poll-while';
import { VisitReceiptButton } from './VisitReceiptButton';
import './security-code.css';

// The camera and its decoder (html5-qrcode, zxing-wasm) load only when the clerk opens the camera.
const QrCamera = lazy(() => import('./QrCamera').then((m) => ({ default: m.QrCamera })));

const newVisitId = () => crypto.randomUUID();

/**
 * FAQ 19: a staff member registered with a non-Macau ID enables the security code of one
 * entity's staff login: ID sighted in original, entity number, the QR on their phone read by
 * camera or keyboard-wedge scanner, every check shown with its reason, then enable. "Next
 * entity for the same person" keeps the verified ID and the visit (one receipt line each).
 */
export function SecurityCodeScreen() {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const [visitId, setVisitId] = useState(newVisitId);
  const [sighted, setSighted] = useState<SightedIdDraft>(EMPTY_SIGHTED);
  /** After the first enablement the ID is verified: kept for the next entity, shown, not re-typed. */
  const [idKept, setIdKept] = useState(false);
  const [entityNumber, setEntityNumber] = useState('');
  const [qrText, setQrText] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const [cameraKey, setCameraKey] = useState(0);
  const [verdict, setVerdict] = useState<SecurityCodeVerdict | null>(null);
  const [checking, setChecking] = useState(false);
  const [needFields, setNeedFields] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [record, setRecord] = useState<EnablementRecord | null>(null);
  const [done, setDone] = useState<EnablementRecord[]>([]);
  const enableButton = useRef<HTMLButtonElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const entityField = useRef<HTMLDivElement>(null);
  // The latest form values for a scan that arrives from the window-wide wedge listener.
  const form = useRef({ sighted, entityNumber });
  form.current = { sighted, entityNumber };

  useShortcuts([{ keys: 'Escape', run: () => navigate({ screen: 'worklist' }), inFields: false }]);

  useEffect(() => {
    if (verdict?.ok) enableButton.current?.focus();
  }, [verdict]);
  useEffect(() => {
    if (record) nextButton.current?.focus();
  }, [record]);

  function input(text: string) {
    const sightedId = sightedIdOf(form.current.sighted);
    const entity = form.current.entityNumber.trim();
    if (!sightedId || !entity) return null;
    // Longer than the contract takes: cut, and the core still says "too long" (nothing stored).
    return { entityNumber: entity, qrText: text.slice(0, QR_TEXT_MAX), sightedId, originalSighted: form.current.sighted.originalSighted };
  }

  async function verify(text: string) {
    setRecord(null);
    setError(null);
    setVerdict(null);
    const body = input(text);
    setNeedFields(!body);
    if (!body) return;
    setChecking(true);
    const r = await securityCodeApi['securityCode.verify'](body);
    setChecking(false);
    if (!r.ok) return setError(r.error);
    setVerdict(r.value);
  }

  function scanned(text: string) {
    setQrText(text);
    setCamera(false);
    void verify(text);
  }

  useWedgeScanner(SECURITY_CODE_WEDGE_FORMAT, (scan) => scanned(scan.text), record === null);

  // Queued until the central server answers: ask again, so each line turns confirmed or refused on its own.
  usePollWhile(
    done.some((r) => r.state === 'queued'),
    () => {
      const visit = visitId;
      void securityCodeApi['enablements.receipt']({ visitId: visit }).then((r) => {
        if (!r.ok || r.value.visitId !== visit) return;
        const byId = new Map(r.value.records.map((x) => [x.id, x]));
        setDone((list) => list.map((x) => byId.get(x.id) ?? x));
        setRecord((cur) => (cur ? (byId.get(cur.id) ?? cur) : cur));
      });
    },
  );

  async function enable() {
    const body = qrText === null ? null : input(qrText);
    if (!body) return setNeedFields(true);
    setChecking(true);
    const r = await securityCodeApi['securityCode.enable']({ ...body, visitId });
    setChecking(false);
    if (!r.ok) return setError(r.error);
    setVerdict(r.value.verdict);
    if (r.value.record) {
      const rec = r.value.record;
      setRecord(rec);
      setDone((list) => [...list, rec]);
      setIdKept(true);
    }
  }

  function nextEntity() {
    setRecord(null);
    setVerdict(null);
    setQrText(null);
    setEntityNumber('');
    setNeedFields(false);
    setError(null);
    setTimeout(() => entityField.current?.querySelector('input')?.focus(), 0);
  }

  function nextPerson() {
    nextEntity();
    setSighted(EMPTY_SIGHTED);
    setIdKept(false);
    setDone([]);
    setVisitId(newVisitId());
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (verdict?.ok) void enable();
    else if (qrText !== null) void verify(qrText);
    else setCamera(true);
  }

  const kept = sightedIdOf(sighted);
  return (
    <section className="sc-screen" aria-labelledby="sc-title">
      <h1 id="sc-title" tabIndex={-1}>
        {t('scui.sc.title')}
      </h1>
      <p>{t('scui.sc.intro')}</p>
      <button type="button" className="secondary" onClick={() => navigate({ screen: 'faceRecognition' })}>
        {t('scui.toFr')}
      </button>
      <form onSubmit={submit} aria-labelledby="sc-title">
        {idKept && kept ? (
          <p className="sc-kept">{t('scui.id.kept', { type: t(`intake.idType.${kept.type}`), number: kept.number })}</p>
        ) : (
          <SightedIdFields value={sighted} onChange={setSighted} />
        )}
        <div ref={entityField}>
          <TextField label={t('scui.entity')} value={entityNumber} maxLength={20} autoComplete="off" spellCheck={false} onChange={setEntityNumber} />
        </div>
        <fieldset>
          <legend>{t('scui.scan.legend')}</legend>
          <p>{t('scui.scan.wedge')}</p>
          {qrText !== null && <p role="status">{t('scui.scan.read', { length: qrText.length })}</p>}
          <div className="actions">
            {camera ? (
              <button type="button" onClick={() => setCamera(false)}>
                {t('scui.scan.cameraClose')}
              </button>
            ) : (
              <button type="button" onClick={() => (setCamera(true), setCameraKey((k) => k + 1))}>
                {qrText === null ? t('scui.scan.camera') : t('scui.scan.again')}
              </button>
            )}
          </div>
          {camera && (
            <Suspense fallback={<p role="status">{t('scui.camera.starting')}</p>}>
              <QrCamera key={cameraKey} label={t('scui.camera.label')} onResult={(text) => scanned(text)} />
            </Suspense>
          )}
        </fieldset>
        {needFields && (
          <p className="field-error" role="alert">
            {t('scui.scan.needFields')}
          </p>
        )}
        {checking && <p role="status">{t('scui.verdict.checking')}</p>}
        <ErrorNotice error={error} />
        {verdict && <VerdictList verdict={verdict} tool="sc" />}
        {verdict?.ok && !record && (
          <div className="actions">
            <button type="submit" ref={enableButton} disabled={checking}>
              {t('scui.sc.enable')}
            </button>
          </div>
        )}
      </form>
      {record && (
        <section className="sc-done" aria-labelledby="sc-done-title">
          <h2 id="sc-done-title">{t(record.receiptLine.messageKey as MessageKey, record.receiptLine.params)}</h2>
          <p role="status">{t(`scui.done.${record.state}`)}</p>
          <div className="actions">
            <button type="button" ref={nextButton} onClick={nextEntity}>
              {t('scui.next')}
            </button>
            <button type="button" className="secondary" onClick={nextPerson}>
              {t('scui.newPerson')}
            </button>
          </div>
        </section>
      )}
      {done.length > 0 && (
        <section aria-labelledby="sc-visit-title">
          <h2 id="sc-visit-title">{t('scui.done.list')}</h2>
          <EnablementLines records={done} labelledBy="sc-visit-title" />
          <VisitReceiptButton visitId={visitId} />
        </section>
      )}
      <button type="button" className="secondary" onClick={() => navigate({ screen: 'worklist' })}>
        {t('scui.back')}
      </button>
    </section>
  );
}
