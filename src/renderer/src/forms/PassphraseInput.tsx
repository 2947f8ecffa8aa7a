/** A passphrase input: never spell-checked, never auto-capitalised. */
import type { ReactNode, Ref } from 'react';
import type { ControlProps } from '../components/Field.tsx';

interface PassphraseInputProps {
  readonly control: ControlProps;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly autoComplete: 'current-password' | 'new-password' | 'off';
  readonly autoFocus?: boolean;
  readonly disabled?: boolean;
  readonly inputRef?: Ref<HTMLInputElement>;
}

export function PassphraseInput(props: PassphraseInputProps): ReactNode {
  const { control, value, onChange, autoComplete, autoFocus, disabled, inputRef } = props;
  return (
    <input
      {...control}
      ref={inputRef}
      className="input"
      type="password"
      value={value}
      maxLength={1024}
      autoComplete={autoComplete}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      autoFocus={autoFocus}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
