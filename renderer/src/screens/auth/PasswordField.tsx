import { useId } from 'react';

export function PasswordField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
  autoComplete?: string;
  name?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type="password"
        value={props.value}
        autoFocus={props.autoFocus}
        autoComplete={props.autoComplete ?? 'current-password'}
        maxLength={200}
        required
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
