/** A labelled passphrase input with its error, as forms show one. */
import type { ReactNode } from 'react';
import { Field } from '../components/Field.tsx';
import { PassphraseInput } from './PassphraseInput.tsx';

interface PassphraseFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error: string | null;
  readonly autoComplete: 'current-password' | 'new-password';
  readonly hint?: ReactNode;
}

export function PassphraseField({ label, value, onChange, error, autoComplete, hint }: PassphraseFieldProps): ReactNode {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <PassphraseInput control={control} value={value} onChange={onChange} autoComplete={autoComplete} />}
    </Field>
  );
}
