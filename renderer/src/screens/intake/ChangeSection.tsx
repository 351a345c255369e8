import { CHANGE_TYPES, type ChangeType } from '../../../../domain/model/codes';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/locale-store';
import { field } from './requirement-target';
import { useIntakeApp } from './use-intake';

/** ps-2112b: what the change-of-data form asks to change, and the admins it removes. */
export function ChangeSection() {
  const t = useT();
  const { app, update, readOnly } = useIntakeApp();
  const changes = app.change.changes;
  const toggle = (c: ChangeType, on: boolean) =>
    update((a) => {
      const set = new Set(a.change.changes);
      if (on) set.add(c);
      else set.delete(c);
      a.change.changes = CHANGE_TYPES.filter((x) => set.has(x));
    });
  const removed = app.change.removedAdmins;
  return (
    <fieldset data-section="changes">
      <legend>{t('intake.section.changes')}</legend>
      {CHANGE_TYPES.map((c, i) => (
        <label key={c} className="check">
          <input
            type="checkbox"
            checked={changes.includes(c)}
            disabled={readOnly}
            data-field={i === 0 ? field.changes : undefined}
            onChange={(e) => toggle(c, e.target.checked)}
          />{' '}
          {t(`intake.change.${c}`)}
        </label>
      ))}
      {changes.includes('remove_admin')
        ? [0, 1, 2].map((i) => (
            <TextField
              key={i}
              label={t('intake.change.removedAdmin', { n: i + 1 })}
              value={removed[i] ?? ''}
              maxLength={200}
              readOnly={readOnly}
              data-field={i === 0 ? field.removedAdmins : undefined}
              onChange={(v) =>
                update((a) => {
                  const list = [0, 1, 2].map((j) => a.change.removedAdmins[j] ?? '');
                  list[i] = v;
                  // Trailing blanks dropped; a blank in the middle keeps the others' positions.
                  while (list.length > 0 && list[list.length - 1] === '') list.pop();
                  a.change.removedAdmins = list;
                })
              }
            />
          ))
        : null}
    </fieldset>
  );
}
