import { useId } from 'react';
import { ENTITY_TYPES, type EntityType } from '../../../../domain/model/codes';
import { checkEmail, checkMobile, checkPhone, checkTaxpayerNumber } from '../../../../domain/identifiers';
import { checked } from './field-check';
import { TextField } from '../../components/TextField';
import { DateField } from '../../components/DateField';
import { useT } from '../../i18n/locale-store';
import { field } from './requirement-target';
import { orUndefined, useIntakeApp } from './use-intake';

const COMMERCIAL: readonly EntityType[] = ['company', 'business_owner'];
const ASSOCIATIONS: readonly EntityType[] = ['association', 'foundation'];

/** Section 1 of the paper form: who the entity is. */
export function EntitySection() {
  const t = useT();
  const id = useId();
  const { app, update, readOnly } = useIntakeApp();
  const e = app.entity;
  const tax = (e.taxpayerNumber ?? '').trim();
  const taxCheck = tax === '' ? null : checkTaxpayerNumber(tax, { entity: e.type !== 'business_owner' });
  const set = (change: (entity: typeof e) => void) => update((a) => change(a.entity));

  return (
    <fieldset data-section="entity">
      <legend>{t('intake.section.entity')}</legend>
      {app.kind !== 'first_application' ? (
        <TextField
          label={t('intake.entity.entityNumber')}
          value={e.entityNumber ?? ''}
          maxLength={20}
          readOnly={readOnly}
          data-field={field.entity('entity-number')}
          onChange={(v) => set((x) => void (x.entityNumber = orUndefined(v)))}
        />
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('intake.entity.type')}</label>
        <select
          id={`${id}-type`}
          value={e.type ?? ''}
          disabled={readOnly}
          data-field={field.entity('type')}
          onChange={(ev) => set((x) => void (x.type = (ev.target.value || undefined) as EntityType | undefined))}
        >
          <option value="">{t('intake.choose')}</option>
          {ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`entityType.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={t('intake.entity.nameZh')}
        lang="zh-Hant"
        value={e.names.zh ?? ''}
        maxLength={200}
        readOnly={readOnly}
        data-field={field.entity('name-zh')}
        onChange={(v) => set((x) => void (x.names.zh = orUndefined(v)))}
      />
      <TextField
        label={t('intake.entity.namePt')}
        lang="pt"
        value={e.names.pt ?? ''}
        maxLength={200}
        readOnly={readOnly}
        data-field={field.entity('name-pt')}
        onChange={(v) => set((x) => void (x.names.pt = orUndefined(v)))}
      />
      <TextField
        label={t('intake.entity.nameEn')}
        lang="en"
        value={e.names.en ?? ''}
        maxLength={200}
        readOnly={readOnly}
        data-field={field.entity('name-en')}
        onChange={(v) => set((x) => void (x.names.en = orUndefined(v)))}
      />
      {e.type && COMMERCIAL.includes(e.type) ? (
        <TextField
          label={t('intake.entity.commercialRegistration')}
          value={e.commercialRegistrationNumber ?? ''}
          maxLength={40}
          readOnly={readOnly}
          data-field={field.entity('commercial-registration')}
          onChange={(v) => set((x) => void (x.commercialRegistrationNumber = orUndefined(v)))}
        />
      ) : null}
      {e.type && ASSOCIATIONS.includes(e.type) ? (
        <>
          <TextField
            label={t('intake.entity.associationRegistration')}
            value={e.associationRegistrationNumber ?? ''}
            maxLength={40}
            readOnly={readOnly}
            data-field={field.entity('association-registration')}
            onChange={(v) => set((x) => void (x.associationRegistrationNumber = orUndefined(v)))}
          />
          <DateField
            label={t('intake.entity.statutesDate')}
            value={e.statutesPublicationDate ?? ''}
            readOnly={readOnly}
            data-field={field.entity('statutes-date')}
            onChange={(v) => set((x) => void (x.statutesPublicationDate = orUndefined(v)))}
          />
        </>
      ) : null}
      <TextField
        label={t('intake.entity.taxpayerNumber')}
        value={e.taxpayerNumber ?? ''}
        maxLength={20}
        inputMode="numeric"
        readOnly={readOnly}
        data-field={field.entity('taxpayer-number')}
        onChange={(v) => set((x) => void (x.taxpayerNumber = orUndefined(v)))}
        hint={taxCheck ? t('intake.field.normalised', { value: taxCheck.value }) : undefined}
        error={taxCheck?.problem ? t(taxCheck.problem.key, taxCheck.problem.params) : undefined}
      />
      <TextField
        label={t('intake.entity.addressZh')}
        lang="zh-Hant"
        value={e.address.zh ?? ''}
        maxLength={300}
        readOnly={readOnly}
        data-field={field.entity('address-zh')}
        onChange={(v) => set((x) => void (x.address.zh = orUndefined(v)))}
      />
      <TextField
        label={t('intake.entity.addressPt')}
        lang="pt"
        value={e.address.pt ?? ''}
        maxLength={300}
        readOnly={readOnly}
        data-field={field.entity('address-pt')}
        onChange={(v) => set((x) => void (x.address.pt = orUndefined(v)))}
      />
    </fieldset>
  );
}

/** The last section of the paper form: how to reach the entity. */
export function ContactSection() {
  const t = useT();
  const { app, update, readOnly } = useIntakeApp();
  const c = app.entity.contact;
  const set = (change: (contact: typeof c) => void) => update((a) => change(a.entity.contact));
  const phoneCheck = checked(t, c.phone ?? '', checkPhone(c.phone ?? ''));
  const mobileCheck = checked(t, c.mobile ?? '', checkMobile(c.mobile ?? ''));
  const emailCheck = checked(t, c.email ?? '', checkEmail(c.email ?? ''));
  return (
    <fieldset data-section="contact">
      <legend>{t('intake.section.contact')}</legend>
      <TextField
        label={t('intake.contact.phone')}
        type="tel"
        value={c.phone ?? ''}
        maxLength={40}
        readOnly={readOnly}
        data-field={field.entity('phone')}
        onChange={(v) => set((x) => void (x.phone = orUndefined(v)))}
        {...phoneCheck}
      />
      <TextField
        label={t('intake.contact.mobile')}
        type="tel"
        value={c.mobile ?? ''}
        maxLength={40}
        readOnly={readOnly}
        data-field={field.entity('mobile')}
        onChange={(v) => set((x) => void (x.mobile = orUndefined(v)))}
        {...mobileCheck}
      />
      <TextField
        label={t('intake.contact.email')}
        type="email"
        value={c.email ?? ''}
        maxLength={254}
        readOnly={readOnly}
        data-field={field.entity('email')}
        onChange={(v) => set((x) => void (x.email = orUndefined(v)))}
        {...emailCheck}
      />
      <TextField
        label={t('intake.contact.person')}
        value={c.contactPerson ?? ''}
        maxLength={200}
        readOnly={readOnly}
        data-field={field.entity('contact-person')}
        onChange={(v) => set((x) => void (x.contactPerson = orUndefined(v)))}
      />
    </fieldset>
  );
}
