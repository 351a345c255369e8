import type { Person } from '../../../../domain/model/application';
import { ID_DOCUMENT_TYPES, type IdDocumentType } from '../../../../domain/model/codes';
import { checkEmail, checkIdNumber, checkMobile } from '../../../../domain/identifiers';
import { TextField } from '../../components/TextField';
import { DateField } from '../../components/DateField';
import { useT } from '../../i18n/locale-store';
import { checked } from './field-check';
import { field } from './requirement-target';
import { orUndefined, useIntakeApp } from './use-intake';
import { updatePerson } from './persons';
import { useId } from 'react';

export function PersonFields({ person, identity = true, contact = false }: { person: Person; identity?: boolean; contact?: boolean }) {
  const t = useT();
  const { update, readOnly } = useIntakeApp();
  const id = useId();
  const doc = person.idDocument;
  const edit = (change: (p: Person) => void) => update((app) => updatePerson(app, person.id, change));
  const idCheck = checked(t, doc.number, checkIdNumber(doc.type, doc.number, doc.issuingCountry));
  const mobileCheck = checked(t, person.mobile ?? '', checkMobile(person.mobile ?? ''));
  const emailCheck = checked(t, person.email ?? '', checkEmail(person.email ?? ''));
  const specimen = doc.bearsSignatureSpecimen === undefined ? '' : doc.bearsSignatureSpecimen ? 'yes' : 'no';

  return (
    <div className="person-fields">
      {identity ? (
        <>
          <TextField
            label={t('intake.person.name')}
            value={person.name}
            maxLength={200}
            readOnly={readOnly}
            data-field={field.person(person.id, 'name')}
            onChange={(v) => edit((p) => void (p.name = v))}
          />
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('intake.person.idType')}</label>
            <select
              id={`${id}-type`}
              value={doc.type ?? ''}
              disabled={readOnly}
              data-field={field.person(person.id, 'id-type')}
              onChange={(e) => edit((p) => void (p.idDocument.type = (e.target.value || undefined) as IdDocumentType | undefined))}
            >
              <option value="">{t('intake.choose')}</option>
              {ID_DOCUMENT_TYPES.map((k) => (
                <option key={k} value={k}>
                  {t(`intake.idType.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label={t('intake.person.idNumber')}
            value={doc.number}
            maxLength={40}
            readOnly={readOnly}
            autoComplete="off"
            spellCheck={false}
            data-field={field.person(person.id, 'id-number')}
            onChange={(v) => edit((p) => void (p.idDocument.number = v))}
            {...idCheck}
          />
          {doc.type === 'passport' ? (
            <TextField
              label={t('intake.person.issuingCountry')}
              value={doc.issuingCountry ?? ''}
              maxLength={60}
              readOnly={readOnly}
              data-field={field.person(person.id, 'issuing-country')}
              onChange={(v) => edit((p) => void (p.idDocument.issuingCountry = orUndefined(v)))}
            />
          ) : null}
          <DateField
            label={t('intake.person.idExpiry')}
            value={doc.expiry ?? ''}
            readOnly={readOnly}
            data-field={field.person(person.id, 'id-expiry')}
            onChange={(v) => edit((p) => void (p.idDocument.expiry = orUndefined(v)))}
          />
          <div className="field">
            <label htmlFor={`${id}-specimen`}>{t('intake.person.specimen')}</label>
            <select
              id={`${id}-specimen`}
              value={specimen}
              disabled={readOnly}
              data-field={field.person(person.id, 'specimen')}
              onChange={(e) => edit((p) => void (p.idDocument.bearsSignatureSpecimen = e.target.value === '' ? undefined : e.target.value === 'yes'))}
            >
              <option value="">{t('intake.choose')}</option>
              <option value="yes">{t('intake.person.specimen.yes')}</option>
              <option value="no">{t('intake.person.specimen.no')}</option>
            </select>
          </div>
        </>
      ) : null}
      {contact ? (
        <>
          <TextField
            label={t('intake.person.mobile')}
            type="tel"
            value={person.mobile ?? ''}
            maxLength={40}
            readOnly={readOnly}
            data-field={field.person(person.id, 'mobile')}
            onChange={(v) => edit((p) => void (p.mobile = orUndefined(v)))}
            {...mobileCheck}
          />
          <TextField
            label={t('intake.person.email')}
            type="email"
            value={person.email ?? ''}
            maxLength={254}
            readOnly={readOnly}
            data-field={field.person(person.id, 'email')}
            onChange={(v) => edit((p) => void (p.email = orUndefined(v)))}
            {...emailCheck}
          />
        </>
      ) : null}
    </div>
  );
}
