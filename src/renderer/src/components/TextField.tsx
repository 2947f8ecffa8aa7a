/**
 * A labelled single-line input (see Field): the label, hint and error wired
 * to it, its value in and out as a string. Other input attributes (type,
 * autoComplete, maxLength, dir…) pass through as they are.
 */
import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from './Field.tsx';

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id' | 'aria-describedby' | 'aria-invalid'>;

interface TextFieldProps extends InputAttributes {
  readonly label: string;
  readonly hint?: ReactNode;
  readonly error?: string | null;
  readonly value: string;
  readonly onValue: (value: string) => void;
}

export function TextField({ label, hint, error, value, onValue, className = 'input', type = 'text', ...input }: TextFieldProps): ReactNode {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <input {...control} className={className} type={type} {...input} value={value} onChange={(event) => onValue(event.target.value)} />}
    </Field>
  );
}
