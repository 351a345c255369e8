import { ID_DOCUMENT_TYPES, type IdDocumentType } from '../../../../domain/model/codes';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/locale-store';

export interface SightedIdDraft {
  type: IdDocumentType | '';
  number: string;
  issuingCountry: string;
  originalSighted: boolean;
}

export const EMPTY_SIGHTED: SightedIdDraft = { type: '', number: '', issuingCountry: '', originalSighted: false };

/** The ID document the person shows (type, number, passport country) and the clerk's "original seen" (FAQ 18, 19). */
export function SightedIdFields({
  value,
  onChange,
  types = ID_DOCUMENT_TYPES,
}: {
  value: SightedIdDraft;
  onChange: (v: SightedIdDraft) => void;
  types?: readonly IdDocumentType[];
}) {
  const t = useT();
  return (
    <fieldset className="sc-sighted">
      <legend>{t('scui.id.legend')}</legend>
      <div className="field">
        <label htmlFor="sc-id-type">{t('scui.id.type')}</label>
        <select id="sc-id-type" value={value.type} onChange={(e) => onChange({ ...value, type: e.target.value as IdDocumentType | '' })}>
          <option value="">{t('intake.choose')}</option>
          {types.map((k) => (
            <option key={k} value={k}>
              {t(`intake.idType.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={t('scui.id.number')}
        value={value.number}
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        onChange={(number) => onChange({ ...value, number })}
      />
      {value.type === 'passport' && (
        <TextField
          label={t('scui.id.country')}
          value={value.issuingCountry}
          maxLength={60}
          onChange={(issuingCountry) => onChange({ ...value, issuingCountry })}
        />
      )}
      <label className="check">
        <input type="checkbox" checked={value.originalSighted} onChange={(e) => onChange({ ...value, originalSighted: e.target.checked })} />{' '}
        {t('scui.id.original')}
      </label>
    </fieldset>
  );
}

/** The contract's sightedId, or null while type or number is missing. */
export function sightedIdOf(d: SightedIdDraft): { type: IdDocumentType; number: string; issuingCountry?: string } | null {
  if (!d.type || !d.number.trim()) return null;
  return d.type === 'passport' && d.issuingCountry.trim()
    ? { type: d.type, number: d.number.trim(), issuingCountry: d.issuingCountry.trim() }
    : { type: d.type, number: d.number.trim() };
}
