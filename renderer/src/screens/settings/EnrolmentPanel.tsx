import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../../../api/result';
import type { syncContract } from '../../../../api/contracts/sync-contract';
import { ENROLMENT_CODE_PATTERN } from '../../../../api/sync/enrolment';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/locale-store';

const syncApi: AreaClient<Pick<typeof syncContract, 'sync.enrol' | 'sync.status'>> = api;
type SyncStatus = z.output<(typeof syncContract)['sync.status']['output']>;

interface Fields {
  serverUrl: string;
  code: string;
  servicePoint: string;
  workstation: string;
}

/** What the administrator reads as the reason, in place of the generic sync wording (issue 15: wrong code, unreachable, clock). */
function enrolmentMessage(error: ApiErrorBody, serverUrl: string, t: ReturnType<typeof useT>): string | null {
  switch (error.messageKey) {
    case 'sync.error.enrolment_code_invalid':
      return t('firstRun.error.code');
    case 'sync.status.error.network':
      return t('firstRun.error.unreachable', { server: serverUrl });
    case 'sync.error.clock_skew':
      return t('firstRun.error.clockSkew', { serverTime: String(error.params?.['serverTime'] ?? '') });
    default:
      return null;
  }
}

/** The file an administrator may hand over instead of the typed fields (services/sync/enrolment.ts EnrolmentFileSchema). */
function fieldsFromFile(text: string): Partial<Fields> {
  const json: unknown = JSON.parse(text);
  if (typeof json !== 'object' || json === null) throw new Error('not a JSON object');
  const o = json as Record<string, unknown>;
  const out: Partial<Fields> = {};
  for (const k of ['serverUrl', 'code', 'servicePoint', 'workstation'] as const) {
    const v = o[k];
    if (typeof v === 'string') out[k] = v.slice(0, 300);
  }
  if (!out.serverUrl || !out.code) throw new Error('serverUrl and code are required');
  return out;
}

/**
 * Enrolment with the central server (issue 15): the server address and the one-time code from
 * its administrator (or the file they provide), with this workstation's service point and
 * workstation codes. Once enrolled it says where this workstation is connected.
 */
export function EnrolmentPanel({ onEnrolled, titled = true }: { onEnrolled?: () => void; titled?: boolean }) {
  const t = useT();
  const id = useId();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [fields, setFields] = useState<Fields>({ serverUrl: '', code: '', servicePoint: '', workstation: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [localError, setLocalError] = useState('');
  const [done, setDone] = useState('');
  const set = (k: keyof Fields) => (v: string) => setFields((f) => ({ ...f, [k]: v }));

  useEffect(() => {
    void syncApi['sync.status']({}).then((r) => r.ok && setStatus(r.value));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone('');
    const code = fields.code.trim().toUpperCase();
    if (!ENROLMENT_CODE_PATTERN.test(code)) return setLocalError(t('firstRun.error.codeFormat'));
    setLocalError('');
    setBusy(true);
    const serverUrl = fields.serverUrl.trim();
    const r = await syncApi['sync.enrol']({
      serverUrl,
      code,
      servicePoint: fields.servicePoint.trim().toUpperCase(),
      workstation: fields.workstation.trim().toUpperCase(),
    });
    setBusy(false);
    if (!r.ok) {
      const said = enrolmentMessage(r.error, serverUrl, t);
      return said ? setLocalError(said) : setError(r.error);
    }
    setStatus(r.value);
    setDone(t('firstRun.done', { workstationId: r.value.workstationId ?? '', server: r.value.server ?? serverUrl }));
    onEnrolled?.();
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const read = fieldsFromFile(await file.text());
      setFields((f) => ({ ...f, ...read }));
      setLocalError('');
    } catch (err) {
      setLocalError(t('firstRun.error.file', { detail: err instanceof Error ? err.message.slice(0, 200) : '' }));
    }
  };

  // Its own landmark on Settings; inside the first-run screen (whose heading says the same) a plain block.
  const Frame = titled ? 'section' : 'div';
  const frame = { className: 'enrolment', ...(titled ? { 'aria-labelledby': `${id}-title` } : {}) };
  if (status && status.state !== 'not_configured') {
    return (
      <Frame {...frame}>
        {titled ? <h2 id={`${id}-title`}>{t('firstRun.title')}</h2> : null}
        <p role="status">{done || t('firstRun.enrolled', { server: status.server ?? '', workstationId: status.workstationId ?? '' })}</p>
      </Frame>
    );
  }
  return (
    <Frame {...frame} aria-busy={busy}>
      {titled ? <h2 id={`${id}-title`}>{t('firstRun.title')}</h2> : null}
      <p>{t('firstRun.intro')}</p>
      <form onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('firstRun.serverUrl')}
          value={fields.serverUrl}
          onChange={set('serverUrl')}
          type="url"
          required
          maxLength={300}
          placeholder="https://"
        />
        <TextField
          label={t('firstRun.code')}
          value={fields.code}
          onChange={set('code')}
          hint={t('firstRun.codeHint')}
          required
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField label={t('firstRun.servicePoint')} value={fields.servicePoint} onChange={set('servicePoint')} required maxLength={6} />
        <TextField label={t('firstRun.workstation')} value={fields.workstation} onChange={set('workstation')} required maxLength={4} />
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('firstRun.file')}</label>
          <input id={`${id}-file`} type="file" accept="application/json,.json" disabled={busy} onChange={(e) => void onFile(e)} />
        </div>
        {localError ? (
          <p role="alert" className="notice notice-error">
            {localError}
          </p>
        ) : null}
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('firstRun.busy') : t('firstRun.submit')}
        </button>
      </form>
    </Frame>
  );
}
