import { useId } from 'react';
import { useT } from '../../i18n/locale-store';
import { PersonFields } from './PersonFields';
import {
  addAdmin,
  addLegalRepresentative,
  canAddAdmin,
  canAddLegalRepresentative,
  personOf,
  removeAdmin,
  removeLegalRepresentative,
  setAttorneyUsed,
} from './persons';
import { field } from './requirement-target';
import { useIntakeApp } from './use-intake';

/** Moves focus to the first field of a person just added, so typing can go on. */
export function focusPerson(personId: string | null): void {
  if (!personId) return;
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-field="person.${personId}.name"]`)?.focus());
}

/** Section 2: legal representatives (FAQ 5: their IDs decide copies and signatures). */
export function LegalRepsSection() {
  const t = useT();
  const { app, update, readOnly } = useIntakeApp();
  return (
    <fieldset data-section="lrs">
      <legend>{t('intake.section.lrs')}</legend>
      {app.legalRepresentatives.map((lr, i) => {
        const person = personOf(app, lr.personId);
        if (!person) return null;
        const label = t('intake.lr.n', { n: i + 1 });
        return (
          <fieldset key={lr.personId} className="person" data-person={lr.personId} data-person-slot={`lr.${lr.personId}.id`}>
            <legend>{label}</legend>
            <PersonFields person={person} />
            {person.idDocument.bearsSignatureSpecimen === false ? (
              <label className="check">
                <input
                  type="checkbox"
                  checked={lr.attendsInPerson}
                  disabled={readOnly}
                  data-field={field.lrInPerson(lr.personId)}
                  onChange={(e) =>
                    update((a) => {
                      const target = a.legalRepresentatives.find((x) => x.personId === lr.personId);
                      if (target) target.attendsInPerson = e.target.checked;
                    })
                  }
                />{' '}
                {t('intake.lr.inPerson')}
              </label>
            ) : null}
            {!readOnly ? (
              <button type="button" className="secondary" onClick={() => update((a) => removeLegalRepresentative(a, lr.personId))}>
                {t('intake.person.remove', { who: label })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {!readOnly ? (
        <button
          type="button"
          className="secondary"
          disabled={!canAddLegalRepresentative(app)}
          data-field={field.addLr}
          data-add-person
          aria-keyshortcuts="Alt+P"
          onClick={() => {
            let id: string | null = null;
            update((a) => void (id = addLegalRepresentative(a)));
            focusPerson(id);
          }}
        >
          {t('intake.lr.add')}
        </button>
      ) : null}
    </fieldset>
  );
}

/** Section 3, only when the form is signed by an attorney (FAQ 6). */
export function AttorneySection() {
  const t = useT();
  const { app, update, readOnly } = useIntakeApp();
  const poa = app.powerOfAttorney;
  const attorney = personOf(app, poa.attorneyPersonId);
  return (
    <fieldset data-section="attorney" data-person-slot="attorney.id">
      <legend>{t('intake.section.attorney')}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={poa.used}
          disabled={readOnly}
          data-field={field.poa('used')}
          onChange={(e) => update((a) => setAttorneyUsed(a, e.target.checked))}
        />{' '}
        {t('intake.poa.used')}
      </label>
      {poa.used && attorney ? (
        <>
          <PersonFields person={attorney} />
          <label className="check">
            <input
              type="checkbox"
              checked={poa.notarisedSignature === true}
              disabled={readOnly}
              data-field={field.poa('notarised')}
              onChange={(e) => update((a) => void (a.powerOfAttorney.notarisedSignature = e.target.checked))}
            />{' '}
            {t('intake.poa.notarised')}
          </label>
        </>
      ) : null}
    </fieldset>
  );
}

/** Section 4: entity admins, one to three (FAQ 12), each reached by SMS (FAQ 15). */
export function AdminsSection() {
  const t = useT();
  const id = useId();
  const { app, update, readOnly } = useIntakeApp();
  const lrNotAdmin = app.legalRepresentatives.filter((lr) => !app.admins.some((a) => a.personId === lr.personId) && personOf(app, lr.personId));
  const full = !canAddAdmin(app);
  return (
    <fieldset data-section="admins">
      <legend>{t('intake.section.admins')}</legend>
      {app.admins.map((admin, i) => {
        const person = personOf(app, admin.personId);
        if (!person) return null;
        const alsoLr = app.legalRepresentatives.some((l) => l.personId === admin.personId);
        const label = t('intake.admin.n', { n: i + 1 });
        return (
          <fieldset key={admin.personId} className="person" data-person={admin.personId} data-person-slot={`admin.${admin.personId}.id`}>
            <legend>{label}</legend>
            {alsoLr ? <p className="person-also">{t('intake.admin.sameAsLr', { name: person.name || '—' })}</p> : null}
            <PersonFields person={person} identity={!alsoLr} contact />
            {!readOnly ? (
              <button type="button" className="secondary" onClick={() => update((a) => removeAdmin(a, admin.personId))}>
                {t('intake.person.remove', { who: label })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {!readOnly ? (
        <div className="add-admin" role="group" aria-labelledby={`${id}-add`}>
          <span id={`${id}-add`} className="visually-hidden">
            {t('intake.admin.add')}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={full}
            data-field={field.addAdmin}
            data-add-person
            aria-keyshortcuts="Alt+P"
            onClick={() => {
              let added: string | null = null;
              update((a) => void (added = addAdmin(a)));
              focusPerson(added);
            }}
          >
            {t('intake.admin.add')}
          </button>
          {lrNotAdmin.map((lr) => (
            <button key={lr.personId} type="button" className="secondary" disabled={full} onClick={() => update((a) => void addAdmin(a, lr.personId))}>
              {t('intake.admin.addLr', { name: personOf(app, lr.personId)?.name || '—' })}
            </button>
          ))}
          {full ? <p className="field-hint">{t('intake.admin.full')}</p> : null}
        </div>
      ) : null}
    </fieldset>
  );
}
