import { useEffect, useState } from 'react';
import type { ApiErrorBody } from '../../../../api/result';
import { ErrorNotice } from '../../app/ErrorNotice';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/locale-store';
import { intakeApi, type ReferenceEntityView } from './intake-api';

const SEARCH_DELAY_MS = 250;

/** Finds an existing entity in reference data by entity number, name or registration number. */
export function EntityLookup({ selected, onSelect }: { selected: string | null; onSelect: (entityNumber: string | null) => void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ReferenceEntityView[] | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setResults(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void intakeApi['reference.findEntities']({ query: q.slice(0, 100) }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setResults(r.value);
          setError(null);
        } else setError(r.error);
      });
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <div className="entity-lookup">
      <TextField
        label={t('intake.start.lookup')}
        hint={t('intake.start.lookupHint')}
        type="search"
        value={query}
        maxLength={100}
        onChange={setQuery}
        data-testid="entity-lookup"
      />
      <ErrorNotice error={error} />
      {results !== null ? (
        results.length === 0 ? (
          <p role="status">{t('intake.start.noEntity')}</p>
        ) : (
          <fieldset className="entity-results">
            <legend>{t('intake.start.results', { count: results.length })}</legend>
            {results.map((e) => (
              <label key={e.entityNumber} className="check">
                <input type="radio" name="entity" checked={selected === e.entityNumber} onChange={() => onSelect(e.entityNumber)} />{' '}
                <strong>{e.entityNumber}</strong> {[e.names.zh, e.names.pt, e.names.en].filter(Boolean).join(' / ')}
                {e.registrationNumbers.length > 0 ? ` · ${e.registrationNumbers.join(', ')}` : ''}
                {e.adminCount !== undefined ? ` · ${t('intake.start.adminCount', { count: e.adminCount })}` : ''}
              </label>
            ))}
          </fieldset>
        )
      ) : null}
    </div>
  );
}
