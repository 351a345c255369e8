import { useId, useRef, useState, type InputHTMLAttributes } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field, e.g. the normalised form of an ID number. */
  hint?: string;
  /** A validation message in the clerk's language; shown only once the clerk has left the field. */
  error?: string;
  /** Called when composition ends or the field loses focus, never mid-composition. */
  onCommit?: (value: string) => void;
}

/**
 * A labelled text input that is safe with input methods: while a Chinese IME is composing,
 * the value is not reported to the form (no autosave of half-composed pinyin, no validation
 * flashing), and reported once composition ends.
 */
export function TextField({ label, value, onChange, hint, error, onCommit, ...rest }: TextFieldProps) {
  const id = useId();
  const composing = useRef(false);
  const [local, setLocal] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const shown = local ?? value;
  const describedBy = [hint ? `${id}-hint` : '', error && touched ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className={`field${error && touched ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...rest}
        value={shown}
        aria-invalid={error && touched ? true : undefined}
        aria-describedby={describedBy}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={(e) => {
          composing.current = false;
          const v = e.currentTarget.value;
          setLocal(null);
          onChange(v);
          onCommit?.(v);
        }}
        onChange={(e) => {
          if (composing.current) {
            setLocal(e.target.value);
            return;
          }
          setLocal(null);
          onChange(e.target.value);
        }}
        onBlur={(e) => {
          setTouched(true);
          if (!composing.current) onCommit?.(e.currentTarget.value);
          rest.onBlur?.(e);
        }}
      />
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      {error && touched ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
