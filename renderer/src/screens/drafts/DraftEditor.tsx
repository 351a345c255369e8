import { useEffect, useRef, useState } from 'react';
import { ENTITY_TYPES, type EntityType } from '../../../../domain/model/codes';
import type { Output } from '../../../../api/contract';
import type { ApiErrorBody } from '../../../../api/result';
import { api } from '../../api/transport';
import { useAppStore } from '../../state/app-store';
import { useT } from '../../i18n/locale-store';
import { ErrorNotice } from '../../app/ErrorNotice';

type Draft = Output<'drafts.get'>;
type Entity = Draft['entity'];
type SaveState = 'saved' | 'pending' | 'saving' | 'error';

// Short enough that a crash loses at most a second of typing (issue 4), long enough not
// to write on every keystroke of a fast typist.
const AUTOSAVE_DELAY_MS = 400;

export function DraftEditor({ id }: { id: string }) {
  const t = useT();
  const navigate = useAppStore((s) => s.navigate);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [entity, setEntity] = useState<Entity>({ type: null, nameZh: '', namePt: '' });
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const revision = useRef(0);
  const latest = useRef(entity);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api['drafts.get']({ id }).then((r) => {
      if (cancelled) return;
      if (!r.ok) return setError(r.error);
      setDraft(r.value);
      setEntity(r.value.entity);
      latest.current = r.value.entity;
      revision.current = r.value.revision;
    });
    return () => {
      cancelled = true;
    };
  }, [id]);

  async function save() {
    // Saves are serialised: each carries the revision the previous one returned.
    if (inFlight.current) await inFlight.current;
    setSaveState('saving');
    const run = (async () => {
      const r = await api['drafts.save']({ id, expectedRevision: revision.current, entity: latest.current });
      if (!r.ok) {
        setError(r.error);
        setSaveState('error');
        return;
      }
      revision.current = r.value.revision;
      setError(null);
      setSaveState(timer.current ? 'pending' : 'saved');
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }

  function update(patch: Partial<Entity>) {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setEntity(next);
    setSaveState('pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void save();
    }, AUTOSAVE_DELAY_MS);
  }

  async function close() {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
      await save();
    } else if (inFlight.current) {
      await inFlight.current;
    }
    navigate({ screen: 'worklist' });
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.isComposing) void close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!draft) {
    return (
      <section aria-busy="true">
        <ErrorNotice error={error} />
        {!error && <p>{t('draft.loading')}</p>}
      </section>
    );
  }

  return (
    <section aria-labelledby="draft-title">
      <h1 id="draft-title">
        {t('draft.title')} — {t(`kind.${draft.kind}`)}
      </h1>
      <p className="save-state" role="status" data-testid="save-state">
        {t(`draft.save.${saveState}`)}
      </p>
      <ErrorNotice error={error} />
      <form className="draft-form" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('draft.section.entity')}</legend>
          <label>
            {t('entity.type')}
            <select value={entity.type ?? ''} onChange={(e) => update({ type: (e.target.value || null) as EntityType | null })}>
              <option value="">{t('entity.type.choose')}</option>
              {ENTITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`entityType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('entity.nameZh')}
            <input lang="zh-Hant" value={entity.nameZh} maxLength={300} onChange={(e) => update({ nameZh: e.target.value })} />
          </label>
          <label>
            {t('entity.namePt')}
            <input lang="pt" value={entity.namePt} maxLength={300} onChange={(e) => update({ namePt: e.target.value })} />
          </label>
        </fieldset>
        <div className="actions">
          <button type="button" onClick={() => void close()} aria-keyshortcuts="Escape">
            {t('draft.backToList')}
          </button>
        </div>
      </form>
    </section>
  );
}
