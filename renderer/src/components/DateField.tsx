import { useState, type InputHTMLAttributes } from 'react';
import { DATE_PLACEHOLDER, formatDay, parseDay } from '../../../domain/display-date';
import { useLocaleStore, useT } from '../i18n/locale-store';
import { TextField } from './TextField';

export interface DateFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'type'> {
  label: string;
  /** yyyy-mm-dd, or '' for no date. */
  value: string;
  /** Called with yyyy-mm-dd once what is typed is a real day, and with '' when it is cleared or not (yet) a day. */
  onChange: (isoDay: string) => void;
}

const shiftDay = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A date typed as the app's language writes it (dd/mm/yyyy), not the browser's date picker,
 * which follows the machine's locale (issue 13 item 15). ISO yyyy-mm-dd typed or pasted is
 * understood too; ↑/↓ move the date by a day. The form only ever sees yyyy-mm-dd.
 */
export function DateField({ label, value, onChange, onKeyDown, ...rest }: DateFieldProps) {
  const locale = useLocaleStore((s) => s.locale);
  const t = useT();
  // What the clerk typed, kept while it differs from the form's value (half typed or wrong).
  const [typed, setTyped] = useState<{ text: string; sent: string } | null>(null);
  // A value the form changed by itself (another application loaded) replaces what was typed.
  const shown = typed && typed.sent === value ? typed.text : formatDay(locale, value);
  const invalid = shown.trim() !== '' && parseDay(locale, shown) === null;

  return (
    <TextField
      {...rest}
      label={label}
      value={shown}
      placeholder={DATE_PLACEHOLDER[locale]}
      autoComplete="off"
      hint={rest.readOnly ? undefined : t('date.hint')}
      error={invalid ? t('date.invalid') : undefined}
      onChange={(text) => {
        const iso = parseDay(locale, text);
        setTyped({ text, sent: iso ?? '' });
        onChange(iso ?? '');
      }}
      onCommit={(text) => {
        // Once the clerk leaves the field, a valid date is shown in the one format.
        if (parseDay(locale, text) !== null) setTyped(null);
      }}
      onKeyDown={(e) => {
        onKeyDown?.(e);
        if (rest.readOnly || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
        const iso = parseDay(locale, shown);
        if (!iso) return;
        e.preventDefault();
        const next = shiftDay(iso, e.key === 'ArrowUp' ? 1 : -1);
        setTyped(null);
        onChange(next);
      }}
    />
  );
}
